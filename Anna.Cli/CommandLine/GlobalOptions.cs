using System.CommandLine;

namespace Anna.Cli.CommandLine;

/// <summary>
/// The options every command takes, before or after its name: how to print (<c>-o json</c> or
/// <c>--json</c>: exactly the API's JSON) and which socket to speak to.
/// </summary>
internal sealed class GlobalOptions
{
    public Option<string?> Output { get; } = new("--output", "-o")
    {
        Description = "json prints exactly the API's JSON and nothing else; text (the default) is for people",
        HelpName = "json|text",
        Recursive = true,
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "the same as -o json",
        Recursive = true,
    };

    public Option<string?> Socket { get; } = new("--socket")
    {
        Description = $"Anna's socket (default: ANNA_SOCKET, else {AnnaConnection.DefaultSocket})",
        HelpName = "PATH",
        Recursive = true,
    };

    /// <summary>annactl never pages; accepted for the habits systemctl taught.</summary>
    public Option<bool> NoPager { get; } = new("--no-pager")
    {
        Hidden = true,
        Recursive = true,
    };

    public GlobalOptions() => Output.AcceptOnlyFromAmong("json", "text");

    public void AddTo(RootCommand root)
    {
        root.Options.Add(Output);
        root.Options.Add(Json);
        root.Options.Add(Socket);
        root.Options.Add(NoPager);
    }

    /// <summary>True for JSON output; <c>--json</c> with <c>-o text</c> is a contradiction, not a choice.</summary>
    public bool WantsJson(ParseResult parse)
    {
        var format = parse.GetValue(Output);
        if (parse.GetValue(Json) && format == "text")
            throw new UsageException("--json and -o text contradict each other");
        return parse.GetValue(Json) || format == "json";
    }
}
