using System.Globalization;
using System.Text.Json;
using Anna.Cli.Commands;
using Anna.Cli.Output;

namespace Anna.Cli;

/// <summary>
/// Shows what Anna does while a long call runs (a package update, a cache cleanup, a heal): the live
/// events from the moment the call is sent until it returns and the actions it started have
/// finished, one line each, the way <c>annactl watch</c> prints them. Nothing extra with <c>-o json</c>, whose output is the API's answer only.
/// </summary>
internal static class Progress
{
    /// <summary>The longest the actions a call started are followed after it answered.</summary>
    private static readonly TimeSpan FinishDeadline = TimeSpan.FromMinutes(5);

    public static async Task<JsonElement> WhileAsync(AnnaConnection anna, CliOutput output, Func<Task<JsonElement>> call)
    {
        if (output.Json)
            return await call();
        // Where the log stands before the call is sent: nothing it causes can be missed.
        var start = await anna.GetAsync("/api/v1/events");
        var boot = start.Str("boot");
        var after = start.GetProperty("latest").GetInt64();
        var running = call();
        var open = new HashSet<string>();
        DateTimeOffset? answered = null;
        while (true)
        {
            if (running.IsCompleted)
                answered ??= DateTimeOffset.UtcNow;
            // Until the call answers, and then until each action it started has finished (a heal answers
            // "started" and is verified afterwards).
            if (answered is { } at && (open.Count == 0 || DateTimeOffset.UtcNow - at > FinishDeadline))
                return await running;
            var page = await anna.GetAsync($"/api/v1/events?after={after.ToString(CultureInfo.InvariantCulture)}&boot={boot}&wait={(answered is null ? 1 : 5)}");
            foreach (var item in page.Items("events"))
            {
                after = item.GetProperty("id").GetInt64();
                var e = item.Obj("event");
                var entry = e.Obj("entry").Str("id");
                if (e.Str("kind") == "action_started")
                    open.Add(entry);
                else if (e.Str("kind") is "action_succeeded" or "action_failed")
                    open.Remove(entry);
                output.Line("  " + WatchCommand.Line(e));
            }
        }
    }
}
