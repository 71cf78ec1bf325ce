using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Anna.Core.Linux.Systemd;
using Anna.Core.Linux.Systemd.Sandbox;
using Microsoft.Playwright;

namespace Anna.Bench;

/// <summary>
/// The dashboard as a person sees it, against the real Anna (anna.dll) watching a sandboxed
/// systemd --user, in Debian's Chromium: (1) a first visit to the Overview until the page is
/// interactive (the circuit rendered: clicks work and pushes arrive), each in a fresh browser
/// context; (2) SIGKILL a unit while the Overview is open and time until the page shows the heal
/// (its success row in the DOM), next to the heal itself (unit active again, from systemd's
/// signals) and to the moment Anna recorded the verified heal.
/// </summary>
internal static class DashboardBench
{
    private const string Unit = "bench-dashboard.service";
    private const double SettleSeconds = 0.2;

    private static readonly string Policy = string.Create(CultureInfo.InvariantCulture,
        $"[healing]\npolicy = \"supervised\"\nsettle_seconds = {SettleSeconds}\n");

    private static readonly TimeSpan TrialTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan ShownTimeout = TimeSpan.FromSeconds(15);

    // Notes, inside the page, the wall-clock time each success row for the unit first appears in
    // the DOM (keyed by history id). performance.timeOrigin + now() is the machine's wall clock at
    // sub-millisecond resolution, the same clock the bench stamps the kill with.
    private const string WatchForHeals = """
        subject => {
            const shown = {};
            window.__annaShown = shown;
            const look = () => {
                for (const row of document.querySelectorAll('[data-testid=history-row][data-outcome=success]'))
                    if (row.dataset.subject === subject && !(row.dataset.id in shown))
                        shown[row.dataset.id] = performance.timeOrigin + performance.now();
            };
            new MutationObserver(look).observe(document.body, { subtree: true, childList: true, attributes: true });
            look();
        }
        """;

    public static async Task<int> RunAsync(BenchOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        output.WriteLine($"Anna dashboard: {options.Loads} first loads of the Overview, {options.Trials} kill -> shown trials, " +
                         $"{Environment.ProcessorCount} CPUs, Chromium {BenchBrowser.ExecutablePath}");
        output.WriteLine($"anna: {options.AnnaDll}");

        await using var sandbox = await UserManagerSandbox.StartAsync("anna-bench-dash", cancellationToken);
        await using var clock = await RestartClock.ConnectAsync(sandbox.BusAddress, cancellationToken);
        var unit = UnitName.Parse(Unit);
        await InstallAndStartAsync(sandbox, clock.Systemd, unit, cancellationToken);

        await using var anna = AnnaProcess.Start(options.AnnaDll, sandbox.BusAddress, Policy, ["failed_services"]);
        await anna.WaitConnectedAsync(TimeSpan.FromSeconds(60), cancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        await using var browser = await BenchBrowser.LaunchAsync();
        var overview = new Uri(anna.BaseAddress, "/").ToString();

        var loads = await FirstLoadsAsync(browser, overview, () => anna.SignInLinkAsync(cancellationToken), options.Loads, output, cancellationToken);
        var (heals, recorded, shown, failures) = await KillToShownAsync(browser, overview, anna, clock, unit, options.Trials, output, cancellationToken);

        output.WriteLine();
        output.WriteLine("First load of the Overview, fresh browser context each time (no cache, no circuit):");
        output.WriteLine($"  response start (prerendered HTML)  {new LatencySummary(loads.Select(l => l.ResponseStart)).Format()}");
        output.WriteLine($"  DOMContentLoaded                   {new LatencySummary(loads.Select(l => l.DomContentLoaded)).Format()}");
        output.WriteLine($"  interactive (data-interactive)     {new LatencySummary(loads.Select(l => l.Interactive)).Format()}");
        if (loads.Count > 1)
        {
            output.WriteLine($"  first load alone (cold server paths): {loads[0].Interactive.TotalMilliseconds:0.0} ms; loads 2..{loads.Count}: " +
                             new LatencySummary(loads.Skip(1).Select(l => l.Interactive)).Format());
        }
        output.WriteLine($"Kill -> healed, Overview open (supervised, settle_seconds = {SettleSeconds.ToString(CultureInfo.InvariantCulture)}):");
        output.WriteLine($"  heal: unit active, new pid       {new LatencySummary(heals).Format()}");
        output.WriteLine($"  Anna recorded the verified heal  {new LatencySummary(recorded).Format()}");
        output.WriteLine($"  browser shows the success row    {new LatencySummary(shown).Format()}");
        if (shown.Count > 0 && recorded.Count == shown.Count)
        {
            var push = shown.Zip(recorded, (s, r) => s - r);
            output.WriteLine($"  recorded -> shown (push + render) {new LatencySummary(push).Format()}");
        }
        output.WriteLine($"  trials: {options.Trials}, failed: {failures}");
        return failures == 0 ? 0 : 1;
    }

    private sealed record Load(TimeSpan ResponseStart, TimeSpan DomContentLoaded, TimeSpan Interactive);

    private static async Task<List<Load>> FirstLoadsAsync(BenchBrowser browser, string url, Func<Task<string>> signInLink, int count, TextWriter output, CancellationToken cancellationToken)
    {
        var loads = new List<Load>();
        for (var i = 1; i <= count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (context, page) = await browser.FreshPageAsync();
            await using (context)
            {
                // Signing in sets the session cookie; the timed load below is the next navigation.
                await page.GotoAsync(await signInLink(), new() { WaitUntil = WaitUntilState.Commit });
                var clock = Stopwatch.StartNew();
                await page.GotoAsync(url, new() { WaitUntil = WaitUntilState.Commit });
                await page.Locator("[data-interactive=true]").WaitForAsync(new() { Timeout = 30_000 });
                var interactive = clock.Elapsed;
                var timing = await page.EvaluateAsync<JsonElement>(
                    "() => { const n = performance.getEntriesByType('navigation')[0]; return { responseStart: n.responseStart, domContentLoaded: n.domContentLoadedEventEnd }; }");
                loads.Add(new Load(
                    TimeSpan.FromMilliseconds(timing.GetProperty("responseStart").GetDouble()),
                    TimeSpan.FromMilliseconds(timing.GetProperty("domContentLoaded").GetDouble()),
                    interactive));
            }
        }
        output.WriteLine($"  {loads.Count} first loads done");
        return loads;
    }

    private static async Task<(List<TimeSpan> Heals, List<TimeSpan> Recorded, List<TimeSpan> Shown, int Failures)> KillToShownAsync(
        BenchBrowser browser, string url, AnnaProcess anna, RestartClock clock, UnitName unit, int trials, TextWriter output, CancellationToken cancellationToken)
    {
        var (context, page) = await browser.FreshPageAsync();
        await using var _ = context;
        await page.GotoAsync(await anna.SignInLinkAsync(cancellationToken), new() { WaitUntil = WaitUntilState.Commit });
        await page.GotoAsync(url);
        await page.Locator("[data-interactive=true]").WaitForAsync(new() { Timeout = 30_000 });
        await page.EvaluateAsync(WatchForHeals, Unit);

        List<TimeSpan> heals = [], recorded = [], shown = [];
        var failures = 0;
        for (var i = 1; i <= trials; i++)
        {
            var newestBefore = (await anna.HistoryForAsync(Unit, cancellationToken)).Select(r => r.GetProperty("id").GetInt64()).DefaultIfEmpty(0).Max();
            var trial = await clock.KillAndTimeAsync(i, unit, TrialTimeout, cancellationToken);
            if (!trial.Succeeded)
            {
                failures++;
                output.WriteLine($"  trial {i} FAILED: {trial.Error}");
                await RecoverAsync(clock.Systemd, unit, cancellationToken);
                continue;
            }
            try
            {
                // The page's record of the first success row newer than the trial's start.
                var handle = await page.WaitForFunctionAsync(
                    "after => { const ids = Object.keys(window.__annaShown).filter(k => +k > after); return ids.length ? window.__annaShown[ids[0]] : null; }",
                    newestBefore, new() { Timeout = (float)ShownTimeout.TotalMilliseconds, PollingInterval = 20 });
                var shownAtMs = await handle.JsonValueAsync<double>();
                var row = (await anna.HistoryForAsync(Unit, cancellationToken))
                    .First(r => r.GetProperty("id").GetInt64() > newestBefore && r.GetProperty("outcome").GetString() == "success");
                var finishedAt = row.GetProperty("finishedAt").GetDateTimeOffset();
                heals.Add(trial.Total!.Value);
                recorded.Add(finishedAt - trial.KilledAt);
                shown.Add(DateTimeOffset.FromUnixTimeMilliseconds(0).AddMilliseconds(shownAtMs) - trial.KilledAt);
            }
            catch (TimeoutException)
            {
                failures++;
                output.WriteLine($"  trial {i}: the page did not show a success row within {ShownTimeout.TotalSeconds:0} s");
            }
            await WaitIssueClosedAsync(anna, cancellationToken);
        }
        return (heals, recorded, shown, failures);
    }

    /// <summary>Waits until Anna closed the unit's issue, then a little longer, so the next kill is a new failure.</summary>
    private static async Task WaitIssueClosedAsync(AnnaProcess anna, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TrialTimeout && await anna.HasOpenIssueAsync(Unit, cancellationToken))
            await Task.Delay(50, cancellationToken);
        await Task.Delay(150, cancellationToken);
    }

    private static async Task InstallAndStartAsync(UserManagerSandbox sandbox, ISystemdManager systemd, UnitName unit, CancellationToken cancellationToken)
    {
        await sandbox.InstallUnitAsync(unit.Value, """
            [Unit]
            Description=Anna dashboard bench unit
            StartLimitIntervalSec=0

            [Service]
            ExecStart=/bin/sleep infinity
            """, cancellationToken);
        var job = await systemd.StartUnitAsync(unit, cancellationToken);
        if (job != "done")
            throw new InvalidOperationException($"starting {unit} ended with '{job}'");
    }

    private static async Task RecoverAsync(ISystemdManager systemd, UnitName unit, CancellationToken cancellationToken)
    {
        await systemd.ResetFailedUnitAsync(unit, cancellationToken);
        if (!(await systemd.GetUnitAsync(unit, cancellationToken)).IsActive)
            await systemd.StartUnitAsync(unit, cancellationToken);
    }
}
