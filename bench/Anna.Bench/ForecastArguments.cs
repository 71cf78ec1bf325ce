using System.Globalization;

namespace Anna.Bench;

/// <summary>The options of the forecast commands: <c>--name value</c> pairs, <c>--set</c> repeatable.</summary>
internal sealed class ForecastArguments
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public List<string> Sets { get; } = [];

    public static ForecastArguments Parse(IReadOnlyList<string> args, params string[] known)
    {
        var parsed = new ForecastArguments();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (!known.Contains(name))
                throw new ArgumentException($"unknown option {name}");
            if (i + 1 >= args.Count)
                throw new ArgumentException($"{name} needs a value");
            if (name == "--set")
                parsed.Sets.Add(args[++i]);
            else
                parsed._values[name] = args[++i];
        }
        return parsed;
    }

    public string? Text(string name) => _values.GetValueOrDefault(name);

    public string Required(string name) => Text(name) ?? throw new ArgumentException($"{name} is required");

    public int Integer(string name, int fallback, int min, int max)
    {
        if (Text(name) is not { } text)
            return fallback;
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max
            ? v
            : throw new ArgumentException($"{name}: '{text}' is not a whole number in {min}..{max}");
    }

    public double Number(string name, double fallback, double min, double max)
    {
        if (Text(name) is not { } text)
            return fallback;
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max
            ? v
            : throw new ArgumentException($"{name}: '{text}' is not a number in {min}..{max}");
    }
}
