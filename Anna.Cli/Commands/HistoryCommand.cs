using System.CommandLine;
using System.Globalization;
using Anna.Cli.CommandLine;
using Anna.Cli.Output;
using Spectre.Console;

namespace Anna.Cli.Commands;

/// <summary>
/// <c>annactl history [--last N]</c> (also <c>healing history</c>): the newest actions with who
/// asked and whether they can be undone; and undo: <c>healing undo --last [N] | --action-id ID
/// [--force]</c>, with <c>rollback --last N</c> as its short form.
/// </summary>
internal static class HistoryCommand
{
    public static Command CreateHistory(CliSession session, string name)
    {
        var last = NumberOption.Create("--last", "how many of the newest actions (default 20)", 1, 500);
        var command = new Command(name, "the newest actions (default 20), who asked and whether they can be undone") { last };
        command.SetAction((parse, _) => session.RunAsync(parse, (anna, output) => ListAsync(parse.GetValue(last) ?? 20, anna, output)));
        return command;
    }

    public static Command CreateUndo(CliSession session, string name)
    {
        var last = NumberOption.Create("--last", "undo the newest N actions (1 when N is left out)", 1, 1000, whenBare: 1);
        var id = new Option<string?>("--action-id") { Description = "undo this action (its ID from 'annactl history')", HelpName = "ID" };
        var force = new Option<bool>("--force") { Description = "undo even when the subject changed since (say what you overrule)" };
        var command = new Command(name, "undo the newest N actions, or the one with --action-id; what cannot be undone says why") { last, id, force };
        command.SetAction((parse, _) => session.RunAsync(parse, (anna, output) =>
            UndoAsync(parse.GetResult(last) is not null, parse.GetValue(last), parse.GetValue(id), parse.GetValue(force), anna, output)));
        return command;
    }

    public static async Task<int> ListAsync(int last, AnnaConnection anna, CliOutput output)
    {
        var page = await anna.GetAsync($"/api/v1/history?page=1&pageSize={last}");
        if (output.Json)
        {
            output.Raw(page);
            return ExitCodes.Ok;
        }
        var rows = page.Items("items").ToList();
        if (rows.Count == 0)
        {
            output.Line("No actions yet.");
            return ExitCodes.Ok;
        }
        var table = output.Table("ID", "WHEN", "ACTION", "SUBJECT", "OUTCOME", "UNDO", "BY");
        table.Columns[0].RightAligned();
        foreach (var row in rows)
        {
            table.AddRow(CliOutput.Cell(row.Str("id")), CliOutput.Cell(Fields.LocalTime(row.Str("startedAt"))), CliOutput.Cell(row.Str("action")),
                CliOutput.Cell(row.Str("subject")), CliOutput.Cell(row.Str("outcome")), CliOutput.Cell(row.Str("undoState")), CliOutput.Cell(row.Str("approvedBy")));
        }
        output.Write(table);
        return ExitCodes.Ok;
    }

    public static async Task<int> UndoAsync(bool hasLast, int? last, string? id, bool force, AnnaConnection anna, CliOutput output)
    {
        if (id is not null == hasLast)
            throw new UsageException("undo takes either --last [N] or --action-id ID");
        if (id is not null && !long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            throw new UsageException($"--action-id takes the number from 'annactl history', not '{id}'");
        var path = id is not null
            ? $"/api/v1/history/{id}/undo?force={(force ? "true" : "false")}"
            : $"/api/v1/history/undo?last={last ?? 1}&force={(force ? "true" : "false")}";
        var result = await anna.PostAsync(path);
        if (output.Json)
        {
            output.Raw(result);
            return ExitCodes.Ok;
        }
        var results = result.ValueKind == System.Text.Json.JsonValueKind.Array ? result.EnumerateArray().ToList() : [result];
        var failed = false;
        foreach (var undo in results)
        {
            output.Line($"#{undo.Str("id")}: ", undo.Str("status"), $" — {undo.Str("detail")}");
            foreach (var step in undo.Items("steps"))
                output.Line($"    {step.Str("detail")}");
            failed |= undo.Str("status") != "undone";
        }
        return failed ? ExitCodes.NotOk : ExitCodes.Ok;
    }
}
