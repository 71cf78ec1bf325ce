using System.CommandLine;
using System.Text.Json;
using Anna.Cli.CommandLine;
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
    public static Command CreateAutoHeal(CliSession session)
    {
        var items = new Option<string?>("--items")
        {
            Description = "the numbers from 'annactl health' (or issue keys), separated by commas; all when absent",
            HelpName = "1,2",
        };
        var dryRun = DryRun();
        var yes = new Option<bool>("--yes") { Description = "no prompt: heal at once (needed when not on a terminal)" };
        var command = new Command("auto-heal", "heal the chosen fixes (all when --items is absent): dry run first, then y/N on a terminal; without a terminal it needs --yes")
        {
            items, dryRun, yes,
        };
        command.SetAction((parse, _) => session.RunAsync(parse, (anna, output) => AutoHealAsync(
            parse.GetValue(items) is { } list ? Items(list) : null, parse.GetValue(dryRun), parse.GetValue(yes), anna, output, session.Stdin, session.Interactive)));
        return command;
    }

    public static Command CreateRepair(CliSession session)
    {
        var service = new Option<string>("--service") { Description = "the unit, e.g. nginx or nginx.service", HelpName = "NAME", Required = true };
        var dryRun = DryRun();
        var command = new Command("repair", "restart a failed service now") { service, dryRun };
        command.SetAction((parse, _) => session.RunAsync(parse, (anna, output) => NamedAsync("repair", parse.GetValue(service), parse.GetValue(dryRun), anna, output)));
        return command;
    }

    public static Command CreateCleanup(CliSession session)
    {
        var cache = new Option<bool>("--cache") { Description = "the package cache (the one cleanup there is; named so that more can come)", Required = true };
        var dryRun = DryRun();
        var command = new Command("cleanup", "clean the package cache now") { cache, dryRun };
        command.SetAction((parse, _) => session.RunAsync(parse, (anna, output) => NamedAsync("cleanup", null, parse.GetValue(dryRun), anna, output)));
        return command;
    }

    public static Command CreateUpdate(CliSession session)
    {
        var dryRun = DryRun();
        var command = new Command("update", "install package updates now") { dryRun };
        command.SetAction((parse, _) => session.RunAsync(parse, (anna, output) => NamedAsync("update", null, parse.GetValue(dryRun), anna, output)));
        return command;
    }

    private static Option<bool> DryRun() => new("--dry-run") { Description = "show what would change; change nothing" };

    public static async Task<int> AutoHealAsync(IReadOnlyList<string>? items, bool dryRunOnly, bool yes, AnnaConnection anna, CliOutput output, TextReader input, bool interactive)
    {
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
    public static async Task<int> NamedAsync(string verb, string? service, bool dryRun, AnnaConnection anna, CliOutput output)
    {
        string key;
        if (verb == "repair")
        {
            ArgumentNullException.ThrowIfNull(service);
            key = $"failed_service:{(service.Contains('.') ? service : service + ".service")}";
        }
        else
        {
            var kind = verb == "cleanup" ? "package_cache" : "outdated_packages";
            var healable = await anna.GetAsync("/api/v1/healing/list");
            var match = healable.Items().FirstOrDefault(h => h.Obj("issue").Str("kind") == kind);
            if (match.ValueKind == JsonValueKind.Undefined)
            {
                output.Line(verb == "cleanup" ? "There is no package cache to clean up." : "There are no package updates to install.");
                return ExitCodes.Ok;
            }
            key = $"{kind}:{match.Obj("issue").Str("subject")}";
        }
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
                output.Line($"  {item.Str("index")}. {item.Str("action")} {item.Str("subject")} (Risk: ", Fields.Title(item.Str("risk")), $") — {item.Str("decision")}: {item.Str("reason")}");
                var detail = dryRun ? item.Str("wouldChange") : item.Str("result");
                if (detail.Length > 0)
                    output.Line($"     {detail}");
            }
        }
        return ExitCodes.Ok;
    }
}
