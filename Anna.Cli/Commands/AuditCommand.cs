using Anna.Cli.Output;

namespace Anna.Cli.Commands;

/// <summary><c>annactl audit [--last N]</c> (admins): who did what, through which door, newest first.</summary>
internal static class AuditCommand
{
    public static async Task<int> RunAsync(CliArguments args, AnnaConnection anna, CliOutput output)
    {
        var last = args.Number("--last", 1, 500) ?? 20;
        args.RejectUnused();
        var page = await anna.GetAsync($"/api/v1/audit?pageSize={last}");
        if (output.Json)
        {
            output.Raw(page);
            return ExitCodes.Ok;
        }
        output.Line($"{"WHEN",-19}  {"WHO",-20}  {"ROLE",-8}  {"DOOR",-7}  {"STATUS",6}  ACTION");
        foreach (var row in page.Items("items"))
            output.Line($"{Fields.LocalTime(row.Str("at")),-19}  {row.Str("who"),-20}  {row.Str("role"),-8}  {row.Str("door"),-7}  {row.Str("status"),6}  {row.Str("action")} {row.Str("target")}".TrimEnd());
        return ExitCodes.Ok;
    }
}
