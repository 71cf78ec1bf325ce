using System.CommandLine;
using System.Text.Json;
using Anna.Cli.CommandLine;
using Anna.Cli.Output;

namespace Anna.Cli.Commands;

/// <summary>
/// <c>annactl health</c> (what is wrong and the numbered fixes, as the roadmap prints it),
/// <c>annactl status</c> (one line) and <c>annactl doctor</c> (health plus what Anna watches, each
/// probe's last run and every issue's evidence). Exit 0 only when the machine is HEALTHY.
/// </summary>
internal static class HealthCommand
{
    public static IEnumerable<Command> Create(CliSession session)
    {
        (string Verb, string Description)[] verbs =
        [
            ("health", "state, issues and numbered suggested fixes"),
            ("status", "one line: state, issues, healing on/off"),
            ("doctor", "health plus what Anna watches, probe runs and each issue's evidence"),
        ];
        foreach (var (verb, description) in verbs)
        {
            var command = new Command(verb, description);
            command.SetAction((parse, _) => session.RunAsync(parse, (anna, output) => RunAsync(verb, anna, output)));
            yield return command;
        }
    }

    public static async Task<int> RunAsync(string verb, AnnaConnection anna, CliOutput output)
    {
        var health = await anna.GetAsync("/api/v1/health");
        var state = health.Str("state");
        var exit = state == "HEALTHY" ? ExitCodes.Ok : ExitCodes.NotOk;
        if (verb == "status")
        {
            if (output.Json)
                output.Raw(health);
            else
                output.Line("", state, StatusLine(health)[state.Length..]);
            return exit;
        }
        var healable = await anna.GetAsync("/api/v1/healing/list");
        var probes = verb == "doctor" ? await anna.GetAsync("/api/v1/probes") : default;
        if (output.Json)
        {
            using var doc = JsonDocument.Parse(verb == "doctor"
                ? $"{{\"health\":{health.GetRawText()},\"healable\":{healable.GetRawText()},\"probes\":{probes.GetRawText()}}}"
                : $"{{\"health\":{health.GetRawText()},\"healable\":{healable.GetRawText()}}}");
            output.Raw(doc.RootElement);
            return exit;
        }
        Print(health, healable, verb == "doctor", output);
        if (verb == "doctor")
            PrintProbes(health, probes, output);
        return exit;
    }

    public static string StatusLine(JsonElement health)
    {
        var issues = health.Items("issues").Count();
        var healing = health.Obj("healing");
        var on = healing.Str("enabled") == "True" ? "on" : "off";
        return $"{health.Str("state")}: {issues} issue{(issues == 1 ? "" : "s")}, healing {on} ({healing.Str("policy")})";
    }

    private static void Print(JsonElement health, JsonElement healable, bool evidence, CliOutput output)
    {
        output.Line("System State: ", health.Str("state"));
        var healing = health.Obj("healing");
        output.Line($"Healing: {(healing.Str("enabled") == "True" ? "on" : "off")}, policy {healing.Str("policy")}; {healing.Str("window")}");
        var issues = health.Items("issues").ToList();
        if (issues.Count == 0)
        {
            output.Line("No issues.");
            return;
        }
        output.Line();
        output.Line("Issues:");
        foreach (var issue in issues)
        {
            output.Line($"  - {issue.Str("summary")} [", issue.Str("severity"), "]");
            if (evidence)
            {
                foreach (var fact in issue.Obj("evidence").EnumerateObject())
                    output.Line($"      {fact.Name}: {fact.Value}");
                if (issue.Str("reason").Length > 0)
                    output.Line($"      decision: {issue.Str("decision")} — {issue.Str("reason")}");
            }
        }
        var fixes = healable.Items().ToList();
        if (fixes.Count == 0)
            return;
        output.Line();
        output.Line("Suggested fixes:");
        foreach (var fix in fixes)
        {
            var issue = fix.Obj("issue");
            output.Line($"  {fix.Str("index")}. {issue.Str("actionDescription")} (Risk: ", Fields.Title(issue.Str("risk")), ")");
        }
        output.Line();
        output.Line($"Run: annactl auto-heal --items {string.Join(',', fixes.Select(f => f.Str("index")))}");
    }

    private static void PrintProbes(JsonElement health, JsonElement probes, CliOutput output)
    {
        output.Line();
        output.Line("Watching:");
        foreach (var watched in health.Obj("watching").EnumerateObject())
            output.Line($"  {watched.Name}: {watched.Value}");
        output.Line();
        output.Line("Probes (last run):");
        foreach (var probe in probes.Items())
            output.Line($"  {probe.Str("probe"),-20} {probe.Str("status")} ({probe.Str("tookMs")} ms); every {probe.Str("intervalSeconds")} s, {probe.Str("cadence")}");
    }
}
