using Spectre.Console;

namespace Anna.Cli.Output;

/// <summary>
/// The colour of a word Anna says: green for what is well, yellow for what needs an eye, red for
/// what failed. Colour only repeats the word; nothing is said by colour alone.
/// </summary>
internal static class Tone
{
    private static readonly Style Good = new(Color.Green);
    private static readonly Style Watch = new(Color.Yellow);
    private static readonly Style Bad = new(Color.Red);

    public static Style Of(string word) => word.ToLowerInvariant() switch
    {
        "healthy" or "success" or "undone" or "closed" or "low" or "approved" or "ok" => Good,
        "degraded" or "warning" or "pending" or "in_progress" or "half_open" or "medium" or "waiting" => Watch,
        "critical" or "failed" or "rolled_back" or "open" or "high" or "rejected" or "error" => Bad,
        _ => Style.Plain,
    };
}
