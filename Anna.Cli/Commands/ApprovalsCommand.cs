using System.Text.Json.Nodes;
using System.Text.Json;
using System.CommandLine;
using Anna.Cli.CommandLine;
using Anna.Cli.Output;
using Spectre.Console;

namespace Anna.Cli.Commands;

/// <summary>
/// <c>annactl approvals</c> (what waits for a person), <c>annactl approve ID… [--session]</c> and
/// <c>annactl reject ID…</c>. An ID is the one <c>approvals</c> prints: the start of the request's
/// id is enough when no other pending request starts the same way.
/// </summary>
internal static class ApprovalsCommand
{
    public static Command CreateList(CliSession session)
    {
        var command = new Command("approvals", "actions waiting for a person");
        command.SetAction((parse, _) => session.RunAsync(parse, ListAsync));
        return command;
    }

    public static Command CreateDecide(CliSession session, bool approve)
    {
        var ids = new Argument<string[]>("ids") { Description = "request IDs from 'annactl approvals' (the start of one is enough)", HelpName = "ID...", Arity = ArgumentArity.ZeroOrMore };
        var command = approve
            ? new Command("approve", "approve them (--session: also their category for the session)") { ids }
            : new Command("reject", "reject them") { ids };
        var perSession = new Option<bool>("--session") { Description = "also consent to the request's category for the rest of the session" };
        if (approve)
            command.Options.Add(perSession);
        command.SetAction((parse, _) => session.RunAsync(parse, (anna, output) =>
            DecideAsync(approve, parse.GetValue(ids) ?? [], approve && parse.GetValue(perSession), anna, output)));
        return command;
    }

    public static async Task<int> ListAsync(AnnaConnection anna, CliOutput output)
    {
        var pending = await anna.GetAsync("/api/v1/approvals?status=pending");
        if (output.Json)
        {
            output.Raw(pending);
            return ExitCodes.Ok;
        }
        var rows = pending.Items().ToList();
        if (rows.Count == 0)
        {
            output.Line("Nothing waits for approval.");
            return ExitCodes.Ok;
        }
        var table = output.Table("ID", "ACTION", "SUBJECT", "RISK", "EXPIRES", "REASON");
        foreach (var row in rows)
        {
            table.AddRow(CliOutput.Cell(row.Str("id")[..8]), CliOutput.Cell(row.Str("action")), CliOutput.Cell(row.Str("subject")),
                CliOutput.Cell(Fields.Title(row.Str("risk"))), CliOutput.Cell(Fields.LocalTime(row.Str("expiresAt"))), CliOutput.Cell(row.Str("reason")));
        }
        output.Write(table);
        output.Line();
        output.Line("Approve with: annactl approve ID [--session]   Reject with: annactl reject ID");
        return ExitCodes.Ok;
    }

    public static async Task<int> DecideAsync(bool approve, IReadOnlyList<string> ids, bool perSession, AnnaConnection anna, CliOutput output)
    {
        if (ids.Count == 0)
            throw new UsageException($"{(approve ? "approve" : "reject")} needs the ID of at least one request; see 'annactl approvals'");
        var pending = (await anna.GetAsync("/api/v1/approvals?status=pending")).Items().Select(r => r.Str("id")).ToList();
        var chosen = ids.Select(id => Resolve(id, pending)).Distinct().ToList();
        var body = new JsonObject
        {
            ["ids"] = new JsonArray([.. chosen.Select(id => (JsonNode?)id)]),
            ["decision"] = approve ? "approve" : "reject",
            ["perSession"] = perSession,
        }.ToJsonString();
        var outcomes = await anna.PostAsync("/api/v1/approvals", body);
        if (output.Json)
        {
            output.Raw(outcomes);
            return ExitCodes.Ok;
        }
        var refused = false;
        foreach (var outcome in outcomes.Items())
        {
            output.Line($"{outcome.Str("id")[..8]}: {outcome.Str("result")}");
            refused |= outcome.Str("accepted") != "true";
        }
        return refused ? ExitCodes.NotOk : ExitCodes.Ok;
    }

    /// <summary>A full id, or the one pending id it starts; anything else is a usage error naming it.</summary>
    private static string Resolve(string id, IReadOnlyList<string> pending)
    {
        if (Guid.TryParse(id, out var full))
            return full.ToString();
        if (id.Length < 4 || !id.All(Uri.IsHexDigit))
            throw new UsageException($"'{id}' is not a request ID; see 'annactl approvals'");
        var matches = pending.Where(p => p.StartsWith(id, StringComparison.OrdinalIgnoreCase)).ToList();
        return matches.Count switch
        {
            1 => matches[0],
            0 => throw new UsageException($"no pending request has an ID starting '{id}'; see 'annactl approvals'"),
            _ => throw new UsageException($"'{id}' starts {matches.Count} pending requests' IDs; give more of it"),
        };
    }
}
