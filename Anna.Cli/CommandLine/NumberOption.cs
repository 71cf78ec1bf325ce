using System.CommandLine;
using System.Globalization;

namespace Anna.Cli.CommandLine;

/// <summary>
/// A whole-number option within bounds, refused with a sentence that names the option and the
/// bounds ("--last takes a whole number from 1 to 500, not 'zero'"), as Anna's own API would.
/// </summary>
internal static class NumberOption
{
    /// <summary><paramref name="whenBare"/>: the value of the option given without a number (<c>--last</c> alone), or null when it needs one.</summary>
    public static Option<int?> Create(string name, string description, int min, int max, int? whenBare = null)
    {
        var option = new Option<int?>(name)
        {
            Description = description,
            HelpName = "N",
            Arity = whenBare is null ? ArgumentArity.ExactlyOne : ArgumentArity.ZeroOrOne,
        };
        option.CustomParser = result =>
        {
            if (result.Tokens.Count == 0)
                return whenBare;
            var text = result.Tokens[0].Value;
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max)
                return n;
            result.AddError($"{name} takes a whole number from {min} to {max}, not '{text}'");
            return null;
        };
        return option;
    }
}
