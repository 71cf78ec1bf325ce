using System.Text.Json.Nodes;
using System.Text.Json;
using System.CommandLine;
using Anna.Cli.CommandLine;
using Anna.Cli.Output;

namespace Anna.Cli.Commands;

/// <summary>
/// <c>annactl healing enable|disable|list|history|undo|config|stats|insights</c>. Config edits go
/// through <c>PUT /api/v1/policy</c>, the same validated, comment-keeping, undoable editor as the
/// dashboard's Settings page.
/// </summary>
internal static class HealingCommand
{
    public static Command Create(CliSession session)
    {
        var healing = new Command("healing", "automatic healing: switch it, list, history, undo, settings, stats, insights");
        foreach (var (verb, description) in new[] { ("enable", "switch automatic healing on"), ("disable", "switch automatic healing off") })
        {
            var command = new Command(verb, description);
            command.SetAction((parse, _) => session.RunAsync(parse, (anna, output) => SwitchAsync(verb, anna, output)));
            healing.Subcommands.Add(command);
        }
        var list = new Command("list", "healable issues, numbered");
        list.SetAction((parse, _) => session.RunAsync(parse, async (anna, output) => List(await anna.GetAsync("/api/v1/healing/list"), output)));
        healing.Subcommands.Add(list);
        healing.Subcommands.Add(HistoryCommand.CreateHistory(session, "history"));
        healing.Subcommands.Add(HistoryCommand.CreateUndo(session, "undo"));
        healing.Subcommands.Add(CreateConfig(session));
        var stats = new Command("stats", "success rate, rollbacks, common issues, per day");
        stats.SetAction((parse, _) => session.RunAsync(parse, async (anna, output) => Stats(await anna.GetAsync("/api/v1/stats"), output)));
        healing.Subcommands.Add(stats);
        healing.Subcommands.Add(InsightsCommand.Create(session));
        return healing;
    }

    private static async Task<int> SwitchAsync(string verb, AnnaConnection anna, CliOutput output)
    {
        var state = await anna.PostAsync($"/api/v1/healing/{verb}");
        if (output.Json)
            output.Raw(state);
        else
            output.Line($"Automatic healing is {(state.Str("enabled") == "True" ? "on" : "off")}.");
        return ExitCodes.Ok;
    }

    private static Command CreateConfig(CliSession session)
    {
        var show = new Option<bool>("--show") { Description = "the policy in force: level, categories, limits" };
        var policy = new Option<string?>("--policy") { Description = "how much Anna does by itself: manual, guided, supervised or autonomous", HelpName = "P" };
        var enable = new Option<string?>("--enable") { Description = "let Anna fix this category on its own (adds it to auto_heal)", HelpName = "CATEGORY" };
        var disable = new Option<string?>("--disable") { Description = "stop fixing this category on its own", HelpName = "CATEGORY" };
        var hours = new Option<string?>("--hours") { Description = "the maintenance window's hours: 22-4 (past midnight), 9 or 1,2,3", HelpName = "22-4" };
        var days = new Option<string?>("--days") { Description = "the maintenance window's days: weekend, weekdays or 0,6 (0 = Sunday)", HelpName = "weekend|weekdays|0,6" };
        var autoCleanup = new Option<bool>("--auto-cleanup") { Description = "let Anna clean package caches and rotate logs on its own" };
        var learnedWindow = new Option<bool>("--learned-window") { Description = "use the maintenance window learned from how the machine is used (see annactl healing insights)" };
        var config = new Command("config", "show or change healing.toml through Anna's policy editor (validated, comments kept, undoable); one change at a time")
        {
            show, policy, enable, disable, hours, days, autoCleanup, learnedWindow,
        };
        config.SetAction((parse, _) => session.RunAsync(parse, (anna, output) => ConfigAsync(
            new ConfigChange(parse.GetValue(show), parse.GetValue(policy), parse.GetValue(enable), parse.GetValue(disable), parse.GetValue(hours), parse.GetValue(days),
                parse.GetValue(autoCleanup), parse.GetValue(learnedWindow)),
            anna, output)));
        return config;
    }

    private static int Stats(JsonElement stats, CliOutput output)
    {
        if (output.Json)
        {
            output.Raw(stats);
            return ExitCodes.Ok;
        }
        output.Line($"Heals:          {stats.Str("heals")} ({stats.Str("successes")} succeeded, {stats.Str("rolledBack")} rolled back, {stats.Str("undone")} undone)");
        output.Line($"Success rate:   {Percent(stats.Str("successRate"))}");
        output.Line($"Rollback rate:  {Percent(stats.Str("rollbackRate"))}");
        output.Line($"Time saved:     {stats.Str("timeSavedMinutes")} min (an assumed 5 min per automatic fix)");
        var days = stats.Items("successRateByDay").Where(d => d.Str("attempts") != "0").ToList();
        if (days.Count > 0)
        {
            output.Line();
            output.Line("Success rate per day:");
            foreach (var day in days)
                output.Line($"  {day.Str("day")}  {Percent(day.Str("rate")),6}  ({day.Str("successes")} of {day.Str("attempts")})");
        }
        var common = stats.Items("commonIssues").ToList();
        if (common.Count > 0)
        {
            output.Line();
            output.Line("Most common issues:");
            foreach (var issue in common)
                output.Line($"  {issue.Str("count"),5}  {issue.Str("name")}");
        }
        output.Line();
        output.Line($"Based on the newest {stats.Str("basedOnEntries")} of {stats.Str("historyEntries")} history entries.");
        return ExitCodes.Ok;
    }

    private static string Percent(string rate) =>
        double.TryParse(rate, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var r)
            ? (r * 100).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + " %"
            : "—";

    private static int List(JsonElement healable, CliOutput output)
    {
        if (output.Json)
        {
            output.Raw(healable);
            return ExitCodes.Ok;
        }
        var items = healable.Items().ToList();
        if (items.Count == 0)
            output.Line("Nothing to heal.");
        foreach (var item in items)
        {
            var issue = item.Obj("issue");
            output.Line($"  {item.Str("index")}. {issue.Str("summary")} → {issue.Str("actionDescription")} (Risk: {Fields.Title(issue.Str("risk"))}; {issue.Str("decision")})");
        }
        return ExitCodes.Ok;
    }

    private static async Task<int> ConfigAsync(ConfigChange change, AnnaConnection anna, CliOutput output)
    {
        var (show, policy, enable, disable, hours, days, autoCleanup, learnedWindow) = change;
        var edits = new[] { policy is not null, enable is not null, disable is not null, hours is not null || days is not null, autoCleanup, learnedWindow };
        if (show == edits.Any(e => e) || edits.Count(e => e) > 1)
            throw new UsageException("healing config takes --show, or one of --policy P, --enable CATEGORY, --disable CATEGORY, --hours/--days, --auto-cleanup, --learned-window");
        if (learnedWindow)
            return await LearnedWindowAsync(anna, output);
        var current = await anna.GetAsync("/api/v1/policy");
        if (show)
            return Show(current, output);
        JsonObject body;
        if (policy is not null)
        {
            body = new JsonObject { ["policy"] = policy };
        }
        else if (hours is not null || days is not null)
        {
            // Only what was given changes: preferred hours, preferred days, or both.
            var schedule = new JsonObject();
            if (hours is not null)
                schedule["preferredHours"] = new JsonArray([.. Numbers(hours, "--hours", 23).Select(n => (JsonNode?)n)]);
            if (days is not null)
                schedule["preferredDays"] = new JsonArray([.. Days(days).Select(n => (JsonNode?)n)]);
            body = new JsonObject { ["schedule"] = schedule };
        }
        else
        {
            var autoHeal = current.Items("autoHeal").Select(c => c.GetString()!).ToList();
            // --auto-cleanup: Anna may clean package caches and rotate logs on its own.
            foreach (var category in autoCleanup ? ["cache_cleanup", "log_rotation"] : enable is null ? [] : (string[])[enable])
            {
                if (!autoHeal.Contains(category))
                    autoHeal.Add(category);
            }
            if (disable is not null)
                autoHeal.Remove(disable);
            body = new JsonObject { ["autoHeal"] = new JsonArray([.. autoHeal.Select(c => (JsonNode?)c)]) };
        }
        return Show(await anna.PutAsync("/api/v1/policy", body.ToJsonString()), output);
    }

    /// <summary>
    /// The window learned from activity, through <c>POST /api/v1/schedule/learned/apply</c>: the same
    /// policy editor as every edit (undoable), and Anna's refusal when it has too little to go on.
    /// </summary>
    private static async Task<int> LearnedWindowAsync(AnnaConnection anna, CliOutput output)
    {
        var proposal = await anna.GetAsync("/api/v1/schedule/learned");
        var applied = await anna.PostAsync("/api/v1/schedule/learned/apply");
        if (output.Json)
        {
            output.Raw(applied);
            return ExitCodes.Ok;
        }
        var changes = proposal.Items("changes").Select(c => c.GetString()).ToList();
        output.Line(changes.Count == 0
            ? "The learned maintenance window is already in force; nothing changed."
            : $"Applied the maintenance window learned from {proposal.Str("daysRecorded")} days of activity:");
        foreach (var change in changes)
            output.Line($"  {change}");
        foreach (var period in proposal.Items("evidence"))
            output.Line($"  because: {period.Str("text")}");
        output.Line("Undo it with: annactl healing undo --last");
        return ExitCodes.Ok;
    }

    /// <summary>"22-4" (wrapping past midnight: 22, 23, 0 … 4), "9" or "1,2,3"; each number is checked by Anna.</summary>
    private static IReadOnlyList<long> Numbers(string text, string option, int wrapAt)
    {
        var dash = text.IndexOf('-', 1);
        if (dash > 0)
        {
            var (from, to) = (Number(text[..dash], option), Number(text[(dash + 1)..], option));
            if (from > wrapAt || to > wrapAt)
                return [from, to]; // out of range: sent as given, for Anna to refuse by name
            var span = (to - from + wrapAt + 1) % (wrapAt + 1);
            return [.. Enumerable.Range(0, (int)span + 1).Select(i => (from + i) % (wrapAt + 1))];
        }
        return [.. text.Split(',').Select(part => Number(part, option))];
    }

    private static long Number(string text, string option) =>
        long.TryParse(text.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
            ? n : throw new UsageException($"{option} takes hours like 22-4 or 1,2,3, not '{text}'");

    private static IReadOnlyList<long> Days(string text) => text switch
    {
        "weekend" => [0, 6],
        "weekdays" => [1, 2, 3, 4, 5],
        _ => [.. text.Split(',').Select(part => long.TryParse(part.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var d)
            ? d : throw new UsageException($"--days takes weekend, weekdays or numbers like 0,6 (0 = Sunday), not '{text}'"))],
    };

    /// <summary>The roadmap's layout: the level, the limits, the breaker, the window, then ✓/✗ category lists.</summary>
    private static int Show(JsonElement policy, CliOutput output)
    {
        if (output.Json)
        {
            output.Raw(policy);
            return ExitCodes.Ok;
        }
        output.Line($"Healing configuration ({policy.Str("path")}){(policy.Str("valid") == "False" ? " — the file was rejected; Anna keeps the last good policy (see GET /api/v1/config)" : "")}");
        output.Line($"  Policy:                  {policy.Str("policy")}");
        output.Line($"  Max actions per session: {policy.Str("maxActionsPerSession")}");
        var breaker = policy.Obj("circuitBreaker");
        output.Line($"  Circuit breaker:         opens after {breaker.Str("maxFailures")} failures in {breaker.Str("failureWindowMinutes")} min");
        output.Line($"  Maintenance window:      {Window(policy.Obj("schedule"))}");
        output.Line($"  Approval needed for:     {List(policy, "requireApproval", "nothing")} risk (supervised policy)");
        output.Line();
        output.Line("  Anna fixes on its own:");
        foreach (var category in policy.Items("autoHeal"))
            output.Line($"    ✓ {category.GetString()}");
        output.Line("  Never on its own:");
        foreach (var category in policy.Items("neverAutoHeal"))
            output.Line($"    ✗ {category.GetString()}");
        output.Line();
        output.Line("Change with: annactl healing config --policy P | --enable CATEGORY | --disable CATEGORY | --hours 22-4 --days weekend");
        return ExitCodes.Ok;
    }

    private static string Window(JsonElement schedule)
    {
        var hours = List(schedule, "preferredHours", "any hour");
        var days = List(schedule, "preferredDays", "any day");
        var avoid = (List(schedule, "avoidHours", ""), List(schedule, "avoidDays", "")) switch
        {
            ("", "") => "",
            (var h, "") => $"; never hours {h}",
            ("", var d) => $"; never days {d}",
            var (h, d) => $"; never hours {h}, days {d}",
        };
        return $"hours {hours}, days {days} (0 = Sunday){avoid}";
    }

    private static string List(JsonElement parent, string field, string none)
    {
        var items = parent.Items(field).Select(i => i.ToString()).ToList();
        return items.Count == 0 ? none : string.Join(", ", items);
    }
}
