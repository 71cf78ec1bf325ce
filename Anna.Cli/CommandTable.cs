namespace Anna.Cli;

/// <summary>
/// Every command word annactl knows, with the words that may follow it and its options: what the shell
/// completion offers. A test holds it to the help text, so the two cannot drift apart.
/// </summary>
internal static class CommandTable
{
    public static readonly IReadOnlyList<string> GlobalOptions = ["-o", "--json", "--socket", "--help"];

    public static readonly IReadOnlyList<(string Command, string[] Next, string[] Options)> Commands =
    [
        ("health", [], []),
        ("status", [], []),
        ("doctor", [], []),
        ("auto-heal", [], ["--items", "--dry-run", "--yes"]),
        ("repair", [], ["--service"]),
        ("cleanup", [], ["--cache"]),
        ("update", [], []),
        ("history", [], ["--last"]),
        ("rollback", [], ["--last"]),
        ("healing", ["enable", "disable", "list", "history", "undo", "config", "stats", "insights"],
            ["--last", "--action-id", "--force", "--show", "--policy", "--enable", "--disable", "--hours", "--days", "--auto-cleanup"]),
        ("approvals", [], []),
        ("approve", [], ["--session"]),
        ("reject", [], []),
        ("breaker", [], ["--reset"]),
        ("audit", [], ["--last"]),
        ("dashboard", [], []),
        ("watch", [], []),
        ("notify", [], []),
        ("completion", ["bash", "zsh", "fish"], []),
    ];
}
