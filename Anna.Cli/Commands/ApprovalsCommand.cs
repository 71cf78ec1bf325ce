using System.Text.Json.Nodes;
using System.Text.Json;
using Anna.Cli.Output;

namespace Anna.Cli.Commands;

/// <summary>
/// <c>annactl approvals</c> (what waits for a person), <c>annactl approve ID… [--session]</c> and
/// <c>annactl reject ID…</c>. An ID is the one <c>approvals</c> prints: the start of the request's
/// id is enough when no other pending request starts the same way.
/// </summary>
internal static class ApprovalsCommand
{
    public static async Task<int> ListAsync(CliArguments args, AnnaConnection anna, CliOutput output)
    {
        args.RejectUnused();
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
        output.Line($"{"ID",-8}  {"ACTION",-20}  {"SUBJECT",-28}  {"RISK",-8}  {"EXPIRES",-19}  REASON");
        foreach (var row in rows)
            output.Line($"{row.Str("id")[..8],-8}  {row.Str("action"),-20}  {row.Str("subject"),-28}  {Fields.Title(row.Str("risk")),-8}  {Fields.LocalTime(row.Str("expiresAt")),-19}  {row.Str("reason")}");
        output.Line();
        output.Line("Approve with: annactl approve ID [--session]   Reject with: annactl reject ID");
        return ExitCodes.Ok;
    }

    public static async Task<int> DecideAsync(bool approve, IReadOnlyList<string> ids, CliArguments args, AnnaConnection anna, CliOutput output)
    {
        var perSession = args.Has("--session");
        args.RejectUnused();
        if (ids.Count == 0)
            throw new UsageException($"{(approve ? "approve" : "reject")} needs the ID of at least one request; see 'annactl approvals'");
        if (perSession && !approve)
            throw new UsageException("--session consents to a category for the session; it goes with approve only");
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
