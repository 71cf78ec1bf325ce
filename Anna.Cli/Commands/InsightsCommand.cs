using System.Globalization;
using System.Text.Json;
using System.CommandLine;
using Anna.Cli.CommandLine;
using Anna.Cli.Output;

namespace Anna.Cli.Commands;

/// <summary>
/// <c>annactl healing insights [--days N]</c>: <c>GET /api/v1/insights</c> as the roadmap lays it out —
/// the success line, time saved with its assumption, the most common issues with how their fixes did,
/// and the root causes with what to run and the history rows behind them.
/// </summary>
internal static class InsightsCommand
{
    public const int MaxDays = 365;

    public static Command Create(CliSession session)
    {
        var days = NumberOption.Create("--days", "the period to learn from, in days (default 30)", 1, MaxDays);
        var command = new Command("insights", "what history teaches (default 30 days): common issues, success rates, time saved, root causes with the command that fixes them") { days };
        command.SetAction((parse, _) => session.RunAsync(parse, (anna, output) => RunAsync(parse.GetValue(days) ?? 30, anna, output)));
        return command;
    }

    public static async Task<int> RunAsync(int days, AnnaConnection anna, CliOutput output)
    {
        var insights = await anna.GetAsync($"/api/v1/insights?days={days.ToString(CultureInfo.InvariantCulture)}");
        if (output.Json)
        {
            output.Raw(insights);
            return ExitCodes.Ok;
        }
        Print(insights, output);
        return ExitCodes.Ok;
    }

    public static void Print(JsonElement insights, CliOutput output)
    {
        output.Line($"Healing insights, last {insights.Str("days")} days");
        output.Line();
        output.Line(insights.Str("successLine"));
        output.Line($"Time saved: {Minutes(insights.Str("timeSavedMinutes"))} ({insights.Str("timeSavedAssumption")})");

        var common = insights.Items("commonIssues").ToList();
        output.Line();
        if (common.Count == 0)
        {
            output.Line("No issues in this period.");
        }
        else
        {
            output.Line("Most common issues:");
            output.Line($"  {"Issue",-20} {"Count",5}  {"Fixes",7}  {"Success",7}  {"Avg time",8}");
            foreach (var issue in common)
            {
                var attempts = issue.Str("attempts");
                output.Line($"  {issue.Str("issueKind"),-20} {issue.Str("occurrences"),5}  {issue.Str("successes") + "/" + attempts,7}  "
                    + $"{Percent(issue.Str("successRate")),7}  {(attempts == "0" ? "—" : Seconds(issue.Str("averageDurationMs"))),8}");
            }
        }

        var causes = insights.Items("rootCauses").ToList();
        output.Line();
        if (causes.Count == 0)
        {
            output.Line("Root causes: none found in the evidence of this period.");
            return;
        }
        output.Line("Root causes:");
        if (long.TryParse(insights.Str("actionsRead"), out var read) && long.TryParse(insights.Str("actionsInPeriod"), out var all) && read < all)
            output.Line($"  (looked for in the newest {read:N0} of the period's {all:N0} actions; the figures above count all of them)");
        var n = 0;
        foreach (var cause in causes)
        {
            output.Line($"  {++n}. {cause.Str("finding")}");
            output.Line($"     → {cause.Str("recommendation")}");
            if (cause.Str("command") is { Length: > 0 } command)
                output.Line($"     Run: {command}");
            var log = cause.Items("logLines").Select(l => l.ToString()).ToList();
            if (log.Count > 0)
            {
                output.Line("     Last log lines:");
                foreach (var line in log)
                    output.Line($"       {line}");
            }
            var ids = cause.Items("historyIds").Select(i => "#" + i.ToString()).ToList();
            if (ids.Count > 0)
                output.Line($"     History: {string.Join(", ", ids.Take(10))}{(ids.Count > 10 ? $" and {ids.Count - 10} more" : "")}");
        }
    }

    private static string Percent(string rate) =>
        double.TryParse(rate, NumberStyles.Float, CultureInfo.InvariantCulture, out var r)
            ? (r * 100).ToString("0", CultureInfo.InvariantCulture) + " %"
            : "—";

    private static string Seconds(string ms) =>
        double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
            ? (v / 1000).ToString("0.0", CultureInfo.InvariantCulture) + " s"
            : "—";

    private static string Minutes(string minutes) =>
        double.TryParse(minutes, NumberStyles.Float, CultureInfo.InvariantCulture, out var m)
            ? m >= 120 ? (m / 60).ToString("0.#", CultureInfo.InvariantCulture) + " h" : m.ToString("0", CultureInfo.InvariantCulture) + " min"
            : "—";
}
