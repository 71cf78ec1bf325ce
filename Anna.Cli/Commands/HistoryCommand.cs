using System.Globalization;
using Anna.Cli.Output;

namespace Anna.Cli.Commands;

/// <summary>
/// <c>annactl history [--last N]</c> (also <c>healing history</c>): the newest actions with who
/// asked and whether they can be undone; and undo: <c>healing undo --last [N] | --action-id ID
/// [--force]</c>, with <c>rollback --last N</c> as its short form.
/// </summary>
internal static class HistoryCommand
{
    public static async Task<int> ListAsync(CliArguments args, AnnaConnection anna, CliOutput output)
    {
        var last = args.Number("--last", 1, 500) ?? 20;
        args.RejectUnused();
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
        output.Line($"{"ID",6}  {"WHEN",-19}  {"ACTION",-18}  {"SUBJECT",-28}  {"OUTCOME",-12}  {"UNDO",-12}  BY");
        foreach (var row in rows)
        {
            output.Line($"{row.Str("id"),6}  {Fields.LocalTime(row.Str("startedAt")),-19}  {row.Str("action"),-18}  {row.Str("subject"),-28}  " +
                        $"{row.Str("outcome"),-12}  {row.Str("undoState"),-12}  {row.Str("approvedBy")}");
        }
        return ExitCodes.Ok;
    }

    public static async Task<int> UndoAsync(CliArguments args, AnnaConnection anna, CliOutput output)
    {
        var force = args.Has("--force");
        var id = args.Value("--action-id");
        var hasLast = args.Has("--last");
        var last = args.Number("--last", 1, 1000);
        args.RejectUnused();
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
            output.Line($"#{undo.Str("id")}: {undo.Str("status")} — {undo.Str("detail")}");
            foreach (var step in undo.Items("steps"))
                output.Line($"    {step.Str("detail")}");
            failed |= undo.Str("status") != "undone";
        }
        return failed ? ExitCodes.NotOk : ExitCodes.Ok;
    }
}
