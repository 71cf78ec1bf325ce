using System.CommandLine;
using Anna.Cli.CommandLine;
using Anna.Cli.Output;
using Spectre.Console;

namespace Anna.Cli.Commands;

/// <summary><c>annactl audit [--last N]</c> (admins): who did what, through which door, newest first.</summary>
internal static class AuditCommand
{
    public static Command Create(CliSession session)
    {
        var last = NumberOption.Create("--last", "how many of the newest entries (default 20)", 1, 500);
        var command = new Command("audit", "who did what, through which door (admins)") { last };
        command.SetAction((parse, _) => session.RunAsync(parse, (anna, output) => RunAsync(parse.GetValue(last) ?? 20, anna, output)));
        return command;
    }

    public static async Task<int> RunAsync(int last, AnnaConnection anna, CliOutput output)
    {
        var page = await anna.GetAsync($"/api/v1/audit?pageSize={last}");
        if (output.Json)
        {
            output.Raw(page);
            return ExitCodes.Ok;
        }
        var table = output.Table("WHEN", "WHO", "ROLE", "DOOR", "STATUS", "ACTION");
        table.Columns[4].RightAligned();
        foreach (var row in page.Items("items"))
        {
            table.AddRow(CliOutput.Cell(Fields.LocalTime(row.Str("at"))), CliOutput.Cell(row.Str("who")), CliOutput.Cell(row.Str("role")),
                CliOutput.Cell(row.Str("door")), CliOutput.Cell(row.Str("status")), CliOutput.Cell($"{row.Str("action")} {row.Str("target")}".TrimEnd()));
        }
        output.Write(table);
        return ExitCodes.Ok;
    }
}
