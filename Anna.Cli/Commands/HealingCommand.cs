using System.Text.Json;
using Anna.Cli.Output;

namespace Anna.Cli.Commands;

/// <summary>
/// <c>annactl healing enable|disable|list|history|undo|config|stats|insights</c>. Config edits go
/// through <c>PUT /api/v1/policy</c>, the same validated, comment-keeping, undoable editor as the
/// dashboard's Settings page.
/// </summary>
internal static class HealingCommand
{
    public static async Task<int> RunAsync(CliArguments args, AnnaConnection anna, CliOutput output)
    {
        var verb = args.Words.Count > 1 ? args.Words[1] : throw new UsageException("healing needs a subcommand: enable, disable, list, history, undo, config, stats or insights");
        switch (verb)
        {
            case "enable" or "disable":
                args.RejectUnused();
                var state = await anna.PostAsync($"/api/v1/healing/{verb}");
                if (output.Json)
                    output.Raw(state);
                else
                    output.Line($"Automatic healing is {(state.Str("enabled") == "True" ? "on" : "off")}.");
                return ExitCodes.Ok;
            case "list":
                args.RejectUnused();
                return List(await anna.GetAsync("/api/v1/healing/list"), output);
            case "history":
                return await HistoryCommand.ListAsync(args, anna, output);
            case "undo":
                return await HistoryCommand.UndoAsync(args, anna, output);
            case "config":
                return await ConfigAsync(args, anna, output);
            case "stats" or "insights":
                args.RejectUnused();
                output.Text.WriteLine($"annactl healing {verb}: this Anna does not serve {verb} yet; see 'annactl history' and the dashboard's Stats page.");
                return ExitCodes.NotOk;
            default:
                throw new UsageException($"'healing {verb}' is not a command; see 'annactl --help'");
        }
    }

    private static int List(JsonElement healable, CliOutput output)
    {
        if (output.Json)
        {
            output.Raw(healable);
            return ExitCodes.Ok;
        }
        var items = healable.Items().ToList();
        if (items.Count == 0)
            output.Line("Nothing to heal.");
        foreach (var item in items)
        {
            var issue = item.Obj("issue");
            output.Line($"  {item.Str("index")}. {issue.Str("summary")} → {issue.Str("actionDescription")} (Risk: {Fields.Title(issue.Str("risk"))}; {issue.Str("decision")})");
        }
        return ExitCodes.Ok;
    }

    private static async Task<int> ConfigAsync(CliArguments args, AnnaConnection anna, CliOutput output)
    {
        var policy = args.Value("--policy");
        var enable = args.Value("--enable");
        var disable = args.Value("--disable");
        var show = args.Has("--show");
        args.RejectUnused();
        if (new[] { policy is not null, enable is not null, disable is not null, show }.Count(b => b) != 1)
            throw new UsageException("healing config takes one of --show, --policy P, --enable CATEGORY, --disable CATEGORY");
        var current = await anna.GetAsync("/api/v1/policy");
        if (show)
            return Show(current, output);
        string body;
        if (policy is not null)
        {
            body = JsonSerializer.Serialize(new Dictionary<string, string> { ["policy"] = policy });
        }
        else
        {
            var autoHeal = current.Items("autoHeal").Select(c => c.GetString()!).ToList();
            if (enable is not null && !autoHeal.Contains(enable))
                autoHeal.Add(enable);
            if (disable is not null)
                autoHeal.Remove(disable);
            body = JsonSerializer.Serialize(new Dictionary<string, List<string>> { ["autoHeal"] = autoHeal });
        }
        return Show(await anna.PutAsync("/api/v1/policy", body), output);
    }

    private static int Show(JsonElement policy, CliOutput output)
    {
        if (output.Json)
        {
            output.Raw(policy);
            return ExitCodes.Ok;
        }
        output.Line($"policy:                  {policy.Str("policy")}");
        output.Line($"auto_heal:               {string.Join(", ", policy.Items("autoHeal").Select(c => c.GetString()))}");
        output.Line($"require_approval:        {string.Join(", ", policy.Items("requireApproval").Select(c => c.GetString()))}");
        output.Line($"never_auto_heal:         {string.Join(", ", policy.Items("neverAutoHeal").Select(c => c.GetString()))}");
        output.Line($"max_actions_per_session: {policy.Str("maxActionsPerSession")}");
        output.Line($"file:                    {policy.Str("path")}{(policy.Str("valid") == "False" ? " (rejected: see GET /api/v1/config)" : "")}");
        return ExitCodes.Ok;
    }
}
