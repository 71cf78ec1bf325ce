namespace Anna.Cli;

/// <summary>
/// The command line split into the command words, options with values, and flags. Options are
/// the same everywhere (<c>-o json</c>, <c>--socket PATH</c>); a value may follow with a space or
/// an equals sign. What a command does not know is reported as a usage error, never ignored.
/// </summary>
internal sealed class CliArguments
{
    private static readonly HashSet<string> ValueOptions = ["-o", "--output", "--socket", "--items", "--service", "--action-id", "--policy", "--enable", "--disable", "--last", "--page-size", "--hours", "--days"];

    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    private CliArguments(List<string> words) => Words = words;

    /// <summary>The command words, e.g. ["healing", "undo"].</summary>
    public IReadOnlyList<string> Words { get; }

    public static CliArguments Parse(IReadOnlyList<string> args)
    {
        var words = new List<string>();
        var parsed = new CliArguments(words);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith('-') || arg == "-")
            {
                words.Add(arg);
                continue;
            }
            var name = arg;
            string? value = null;
            var equals = arg.IndexOf('=');
            if (arg.StartsWith("--", StringComparison.Ordinal) && equals > 0)
            {
                name = arg[..equals];
                value = arg[(equals + 1)..];
            }
            else if (ValueOptions.Contains(name) && name != "--last")
            {
                if (i + 1 >= args.Count)
                    throw new UsageException($"{name} needs a value");
                value = args[++i];
            }
            else if (name == "--last" && i + 1 < args.Count && int.TryParse(args[i + 1], out _))
            {
                value = args[++i];
            }
            else if (name == "--reset" && i + 1 < args.Count && !args[i + 1].StartsWith('-'))
            {
                value = args[++i]; // the subject; without one, the global breaker
            }
            if (name == "--output")
                name = "-o";
            if (!parsed._options.TryAdd(name, value))
                throw new UsageException($"{name} is given twice");
        }
        return parsed;
    }

    public bool Has(string flag)
    {
        _used.Add(flag);
        return _options.ContainsKey(flag);
    }

    public string? Value(string option)
    {
        _used.Add(option);
        return _options.TryGetValue(option, out var value) ? value : null;
    }

    /// <summary>A whole number option within bounds; null when absent.</summary>
    public int? Number(string option, int min, int max)
    {
        var text = Value(option);
        if (text is null)
            return null;
        if (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) || n < min || n > max)
            throw new UsageException($"{option} takes a whole number from {min} to {max}, not '{text}'");
        return n;
    }

    /// <summary>Refuses options the command did not look at: a typo must not pass silently.</summary>
    public void RejectUnused()
    {
        foreach (var option in _options.Keys)
        {
            if (!_used.Contains(option))
                throw new UsageException($"{option} is not an option of 'annactl {string.Join(' ', Words)}'");
        }
    }
}
