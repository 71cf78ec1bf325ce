using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Anna.Cli.Desktop;
using System.CommandLine;
using Anna.Cli.CommandLine;
using Anna.Cli.Output;

namespace Anna.Cli.Commands;

/// <summary>
/// <c>annactl notify</c>: the desktop agent. Runs in the person's session (deploy/anna-notify.service,
/// a systemd user unit), follows Anna's notices over the socket as that person, and shows each on the
/// session bus: after a session that healed something, what it did with [View Details] and, for
/// operators, [Undo]; an action waiting for approval with [Approve] for operators. The buttons act
/// as the person who clicks (the socket says who): their role decides, and history names them.
/// When Anna restarts, the agent waits for it and goes on.
/// </summary>
internal static class NotifyCommand
{
    public static Command Create(CliSession session)
    {
        var command = new Command("notify", "the desktop agent: show Anna's notices on your desktop, with [View Details], [Undo] and [Approve] (runs until stopped)");
        command.SetAction((parse, _) => session.RunAsync(parse, RunAsync));
        return command;
    }

    public static async Task<int> RunAsync(AnnaConnection anna, CliOutput output)
    {
        var address = Environment.GetEnvironmentVariable("DBUS_SESSION_BUS_ADDRESS") is { Length: > 0 } env
            ? env
            : throw new UsageException("annactl notify shows notifications on your desktop: DBUS_SESSION_BUS_ADDRESS is not set (run it in your graphical session)");
        using var stop = Follower.UntilInterrupted();
        var clicks = Channel.CreateUnbounded<(uint Id, string Key)>();
        using var bus = await DesktopBus.ConnectAsync(address, (id, key) => clicks.Writer.TryWrite((id, key)));
        var shown = new ConcurrentDictionary<uint, JsonElement>();
        var me = await Follower.UntilReachableAsync(() => anna.GetAsync("/api/v1/auth/me"), output, stop.Token);
        if (stop.IsCancellationRequested)
            return ExitCodes.Ok;
        var mayAct = me.Str("role") is "operator" or "admin";
        output.Line($"annactl notify: showing Anna's notices to {me.Str("name")} ({me.Str("role")})");

        var acting = ActAsync(clicks.Reader, shown, anna, bus, output, stop.Token);
        await FollowAsync(anna, bus, shown, mayAct, output, stop.Token);
        clicks.Writer.TryComplete();
        await acting;
        return ExitCodes.Ok;
    }

    /// <summary>Shows each new notice, from the newest at start (not the backlog).</summary>
    private static Task FollowAsync(AnnaConnection anna, DesktopBus bus, ConcurrentDictionary<uint, JsonElement> shown, bool mayAct,
        CliOutput output, CancellationToken stop) =>
        Follower.FollowAsync(anna, "/api/v1/notices", "notices", async notice =>
        {
            var id = await bus.NotifyAsync(notice.Str("summary"), notice.Str("body"), Buttons(notice, mayAct), Urgency(notice.Str("urgency")));
            shown[id] = notice;
            output.Line($"shown: {notice.Str("summary")}");
        }, output, stop);

    private static List<(string Key, string Label)> Buttons(JsonElement notice, bool mayAct)
    {
        List<(string, string)> buttons = [("details", "View Details")];
        if (mayAct && notice.Items("undoable").Any())
            buttons.Add(("undo", "Undo"));
        if (mayAct && notice.Str("approvalId").Length > 0)
            buttons.Add(("approve", "Approve"));
        return buttons;
    }

    private static byte Urgency(string urgency) => urgency switch { "low" => 0, "critical" => 2, _ => 1 };

    /// <summary>Does what the person clicked, as them, and says how it went in a notification of its own.</summary>
    private static async Task ActAsync(ChannelReader<(uint Id, string Key)> clicks, ConcurrentDictionary<uint, JsonElement> shown,
        AnnaConnection anna, DesktopBus bus, CliOutput output, CancellationToken stop)
    {
        await foreach (var (id, key) in clicks.ReadAllAsync(CancellationToken.None))
        {
            if (!shown.TryGetValue(id, out var notice))
                continue; // another program's notification
            string outcome;
            try
            {
                outcome = key switch
                {
                    "undo" => await UndoAsync(notice, anna),
                    "approve" => await ApproveAsync(notice, anna),
                    "details" => await OpenDashboardAsync(notice, anna),
                    _ => "",
                };
            }
            catch (AnnaRefusedException ex)
            {
                outcome = $"Anna refused: {ex.Message}";
            }
            if (outcome.Length == 0)
                continue;
            output.Line($"{key}: {outcome}");
            if (key != "details")
                await bus.NotifyAsync(key == "undo" ? "Undo" : "Approval", outcome, [], 1);
        }
    }

    /// <summary>Undoes the session's actions, newest first, the way <c>annactl rollback</c> does.</summary>
    private static async Task<string> UndoAsync(JsonElement notice, AnnaConnection anna)
    {
        var lines = new List<string>();
        foreach (var action in notice.Items("undoable").Select(i => i.GetInt64()).Reverse())
        {
            try
            {
                var result = await anna.PostAsync($"/api/v1/history/{action.ToString(CultureInfo.InvariantCulture)}/undo");
                lines.Add($"#{action}: {result.Str("status")}");
            }
            catch (AnnaRefusedException ex)
            {
                lines.Add($"#{action}: {ex.Message}");
            }
        }
        return string.Join('\n', lines);
    }

    private static async Task<string> ApproveAsync(JsonElement notice, AnnaConnection anna)
    {
        await anna.PostAsync("/api/v1/approvals", new JsonObject { ["ids"] = new JsonArray(notice.Str("approvalId")), ["decision"] = "approve" }.ToJsonString());
        return $"approved: {notice.Str("summary")}";
    }

    /// <summary>
    /// A one-time sign-in link for the person, opened in their browser on what the notice is about:
    /// the session's first action in the history, or the approvals waiting.
    /// </summary>
    private static async Task<string> OpenDashboardAsync(JsonElement notice, AnnaConnection anna)
    {
        var first = notice.Items("undoable").Select(i => i.GetInt64().ToString(CultureInfo.InvariantCulture)).FirstOrDefault();
        var then = notice.Str("approvalId").Length > 0 ? "/approvals" : first is null ? "/history" : $"/history?id={first}";
        var url = (await anna.PostAsync($"/api/v1/auth/login-link?then={Uri.EscapeDataString(then)}")).Str("url");
        return DashboardCommand.Open(url) ? "opened the dashboard" : $"open {url} (xdg-open is not installed)";
    }
}
