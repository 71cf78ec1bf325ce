using System.Text.Json.Nodes;
using System.Text.Json;
using Anna.Cli.Output;

namespace Anna.Cli.Commands;

/// <summary><c>annactl breaker</c>: every circuit breaker; <c>--reset [SUBJECT]</c> closes one (the global one without a subject).</summary>
internal static class BreakerCommand
{
    public static async Task<int> RunAsync(CliArguments args, AnnaConnection anna, CliOutput output)
    {
        var reset = args.Has("--reset");
        var subject = args.Value("--reset");
        args.RejectUnused();
        var breakers = reset
            ? await anna.PostAsync("/api/v1/breaker/reset", new JsonObject { ["subject"] = subject }.ToJsonString())
            : await anna.GetAsync("/api/v1/breaker");
        if (output.Json)
        {
            output.Raw(breakers);
            return ExitCodes.Ok;
        }
        if (reset)
            output.Line($"Circuit breaker {subject ?? "*"} reset.");
        var rows = breakers.Items().ToList();
        if (rows.Count == 0)
        {
            output.Line("No circuit breaker has been needed yet.");
            return ExitCodes.Ok;
        }
        output.Line($"{"SUBJECT",-32}  {"STATE",-10}  {"FAILURES",8}  {"TRIPS",5}  OPENED");
        foreach (var row in rows)
            output.Line($"{row.Str("subject"),-32}  {row.Str("state"),-10}  {row.Str("failures"),8}  {row.Str("trips"),5}  {Fields.LocalTime(row.Str("openedAt"))}");
        return ExitCodes.Ok;
    }
}
