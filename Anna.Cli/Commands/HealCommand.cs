using System.Text.Json;
using Anna.Cli.Output;

namespace Anna.Cli.Commands;

/// <summary>
/// Healing chosen issues through the engine: <c>auto-heal [--items 1,2] [--dry-run] [--yes]</c>
/// shows the engine's dry run first and asks y/N on a terminal (without a terminal it needs
/// <c>--yes</c>); <c>repair --service NAME</c>, <c>cleanup --cache</c> and <c>update</c> name one
/// fix and run it now. What runs, waits for approval or is refused is the engine's decision.
/// </summary>
internal static class HealCommand
{
    public static async Task<int> AutoHealAsync(CliArguments args, AnnaConnection anna, CliOutput output, TextReader input, bool interactive)
    {
        var items = args.Value("--items") is { } list ? Items(list) : null;
        var dryRunOnly = args.Has("--dry-run");
        var yes = args.Has("--yes");
        args.RejectUnused();
        var plan = await anna.PostAsync("/api/v1/auto-heal", Body(items, dryRun: true));
        if (dryRunOnly || plan.Items("items").All(i => i.Str("decision") != "execute"))
            return Show(plan, output, dryRun: true);
        if (!output.Json)
            Show(plan, output, dryRun: true);
        if (!yes)
        {
            if (!interactive)
            {
                output.Text.WriteLine("Not a terminal: nothing was changed. Run again with --yes to heal without a prompt.");
                return ExitCodes.NotOk;
            }
            output.Text.Write("Proceed? [y/N] ");
            var answer = input.ReadLine()?.Trim();
            if (answer is not ("y" or "Y" or "yes"))
            {
                output.Line("Nothing was changed.");
                return ExitCodes.NotOk;
            }
        }
        return Show(await Progress.WhileAsync(anna, output, () => anna.PostAsync("/api/v1/auto-heal", Body(items, dryRun: false))), output, dryRun: false);
    }

    /// <summary>repair --service, cleanup --cache, update: one named fix, run now.</summary>
    public static async Task<int> NamedAsync(string verb, CliArguments args, AnnaConnection anna, CliOutput output)
    {
        string key;
        if (verb == "repair")
        {
            var service = args.Value("--service") ?? throw new UsageException("repair needs --service NAME");
            key = $"failed_service:{(service.Contains('.') ? service : service + ".service")}";
        }
        else
        {
            if (verb == "cleanup" && !args.Has("--cache"))
                throw new UsageException("cleanup needs --cache");
            var kind = verb == "cleanup" ? "package_cache" : "outdated_packages";
            var healable = await anna.GetAsync("/api/v1/healing/list");
            var match = healable.Items().FirstOrDefault(h => h.Obj("issue").Str("kind") == kind);
            if (match.ValueKind == JsonValueKind.Undefined)
            {
                args.RejectUnused();
                output.Line(verb == "cleanup" ? "There is no package cache to clean up." : "There are no package updates to install.");
                return ExitCodes.Ok;
            }
            key = $"{kind}:{match.Obj("issue").Str("subject")}";
        }
        var dryRun = args.Has("--dry-run");
        args.RejectUnused();
        var result = dryRun
            ? await anna.PostAsync("/api/v1/auto-heal", Body([key], dryRun))
            : await Progress.WhileAsync(anna, output, () => anna.PostAsync("/api/v1/auto-heal", Body([key], dryRun)));
        return Show(result, output, dryRun);
    }

    private static IReadOnlyList<string> Items(string list)
    {
        var items = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (items.Length == 0)
            throw new UsageException("--items takes numbers from 'annactl health' or issue keys, separated by commas");
        return items;
    }

    private static string Body(IReadOnlyList<string>? items, bool dryRun)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            if (items is not null)
            {
                json.WriteStartArray("items");
                foreach (var item in items)
                    json.WriteStringValue(item);
                json.WriteEndArray();
            }
            json.WriteBoolean("dryRun", dryRun);
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static int Show(JsonElement plan, CliOutput output, bool dryRun)
    {
        if (output.Json)
        {
            output.Raw(plan);
        }
        else
        {
            output.Line(dryRun ? "Dry run (nothing changed):" : "Result:");
            foreach (var item in plan.Items("items"))
            {
                output.Line($"  {item.Str("index")}. {item.Str("action")} {item.Str("subject")} (Risk: {Fields.Title(item.Str("risk"))}) — {item.Str("decision")}: {item.Str("reason")}");
                var detail = dryRun ? item.Str("wouldChange") : item.Str("result");
                if (detail.Length > 0)
                    output.Line($"     {detail}");
            }
        }
        return ExitCodes.Ok;
    }
}
