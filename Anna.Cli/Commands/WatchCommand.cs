using System.Text.Json;
using System.CommandLine;
using Anna.Cli.CommandLine;
using Anna.Cli.Output;

namespace Anna.Cli.Commands;

/// <summary>
/// <c>annactl watch</c>: Anna's live events as they happen — issues, heals, approvals, undos — one
/// line each (with <c>-o json</c>, one JSON object per line: the API's event), until Ctrl+C.
/// </summary>
internal static class WatchCommand
{
    public static Command Create(CliSession session)
    {
        var command = new Command("watch", "follow live events (issues, heals, approvals) until Ctrl+C");
        command.SetAction((parse, _) => session.RunAsync(parse, RunAsync));
        return command;
    }

    public static async Task<int> RunAsync(AnnaConnection anna, CliOutput output)
    {
        using var stop = Follower.UntilInterrupted();
        await Follower.FollowAsync(anna, "/api/v1/events", "events", item =>
        {
            var e = item.Obj("event");
            if (output.Json)
                output.Line(e.GetRawText()); // the API's JSON as it came: one line
            else
                output.Line(Line(e));
            output.Text.Flush();
            return Task.CompletedTask;
        }, output, stop.Token,
            // On stderr with -o json, so that stdout is only the events.
            following: () => (output.Json ? Console.Error : output.Text).WriteLine("Following Anna's events (Ctrl+C to stop)…"));
        return ExitCodes.Ok;
    }

    /// <summary>"03:10:11  action_succeeded     Restarted nginx.service (#42)".</summary>
    public static string Line(JsonElement e)
    {
        var entry = e.Obj("entry");
        var id = entry.ValueKind == JsonValueKind.Object ? $" (#{entry.Str("id")})" : "";
        var at = Fields.LocalTime(e.Str("at"));
        return $"{(at.Length >= 19 ? at[11..] : at)}  {e.Str("kind"),-20} {e.Str("message")}{id}";
    }
}
