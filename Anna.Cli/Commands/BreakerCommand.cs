using System.Text.Json.Nodes;
using System.Text.Json;
using System.CommandLine;
using Anna.Cli.CommandLine;
using Anna.Cli.Output;
using Spectre.Console;

namespace Anna.Cli.Commands;

/// <summary><c>annactl breaker</c>: every circuit breaker; <c>--reset [SUBJECT]</c> closes one (the global one without a subject).</summary>
internal static class BreakerCommand
{
    public static Command Create(CliSession session)
    {
        var reset = new Option<string?>("--reset")
        {
            Description = "close the breaker of SUBJECT (the global one without SUBJECT)",
            HelpName = "SUBJECT",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var command = new Command("breaker", "circuit breakers; --reset closes one (the global one without SUBJECT)") { reset };
        command.SetAction((parse, _) => session.RunAsync(parse, (anna, output) => RunAsync(parse.GetResult(reset) is not null, parse.GetValue(reset), anna, output)));
        return command;
    }

    public static async Task<int> RunAsync(bool reset, string? subject, AnnaConnection anna, CliOutput output)
    {
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
        var table = output.Table("SUBJECT", "STATE", "FAILURES", "TRIPS", "OPENED");
        table.Columns[2].RightAligned();
        table.Columns[3].RightAligned();
        foreach (var row in rows)
        {
            table.AddRow(CliOutput.Cell(row.Str("subject")), CliOutput.Cell(row.Str("state")), CliOutput.Cell(row.Str("failures")),
                CliOutput.Cell(row.Str("trips")), CliOutput.Cell(Fields.LocalTime(row.Str("openedAt"))));
        }
        output.Write(table);
        return ExitCodes.Ok;
    }
}
