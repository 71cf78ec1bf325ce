using Anna.Core.Actions;
using Anna.Core.Engine;
using Anna.Core.Issues;
using Anna.Core.Policy;
using Anna.Core.Prediction;
using Anna.Core.Tests.Fakes;
using Anna.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Anna.Core.Tests.Prediction;

/// <summary>
/// A preventive fix runs in the last maintenance window that still leaves rollback_timeout and a
/// margin before the forecast crossing; when none opens in time, a safe fix runs at once and any
/// other waits for the window. With the default schedule (Sat and Sun 22:00–04:00, UTC here).
/// </summary>
public sealed class PreventionScheduleTests
{
    // Wednesday 10:00 UTC; the next openings are Sat 22:00 (Dec 5) and Sun 22:00 (Dec 6).
    private static readonly DateTimeOffset Wednesday = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset SaturdayTen = new(2026, 12, 5, 22, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset SundayTen = new(2026, 12, 6, 22, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lead = TimeSpan.FromHours(2);

    private static MaintenanceWindow Window(ScheduleOptions? schedule = null) => new(schedule ?? new ScheduleOptions(), TimeZoneInfo.Utc);

    [Fact]
    public void The_fix_waits_for_the_last_window_that_leaves_the_lead_before_the_crossing()
    {
        var crossing = new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero); // Monday noon

        var plan = PreventionSchedule.Plan(Window(), Wednesday, crossing, Lead, safe: true, "/var fills");

        Assert.Equal(SundayTen, plan.At);
        Assert.False(plan.Urgent);
        Assert.False(plan.Due(Wednesday));
        Assert.True(plan.Due(SundayTen));
        Assert.Equal("planned for Sun 22:00, the last maintenance window that leaves 2 h before /var fills (Mon 12:00)", plan.Reason);
    }

    [Fact]
    public void A_window_that_would_leave_less_than_the_lead_is_not_the_one()
    {
        // Sun 22:00 + 2 h lead is past Sun 23:30: Saturday's window is the last that leaves time.
        var crossing = new DateTimeOffset(2026, 12, 6, 23, 30, 0, TimeSpan.Zero);

        var plan = PreventionSchedule.Plan(Window(), Wednesday, crossing, Lead, safe: true, "/var fills");

        Assert.Equal(SaturdayTen, plan.At);
    }

    [Fact]
    public void When_the_crossing_comes_before_any_window_a_safe_fix_runs_now_and_another_waits()
    {
        var crossing = Wednesday.AddHours(20); // Thursday 06:00

        var safe = PreventionSchedule.Plan(Window(), Wednesday, crossing, Lead, safe: true, "/var fills");
        var risky = PreventionSchedule.Plan(Window(), Wednesday, crossing, Lead, safe: false, "/var fills");

        Assert.True(safe.Urgent);
        Assert.True(safe.Due(Wednesday));
        Assert.Equal("now: /var fills (Thu 06:00) before the next maintenance window (Sat 22:00) and the fix is safe", safe.Reason);
        Assert.False(risky.Urgent);
        Assert.Equal(SaturdayTen, risky.At);
        Assert.False(risky.Due(Wednesday));
    }

    [Fact]
    public void Inside_the_last_window_it_runs_now_and_inside_an_earlier_one_it_waits()
    {
        var crossing = new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

        Assert.True(PreventionSchedule.Plan(Window(), SundayTen.AddMinutes(5), crossing, Lead, safe: true, "/var fills").Due(SundayTen.AddMinutes(5)));
        Assert.Equal(SundayTen, PreventionSchedule.Plan(Window(), SaturdayTen.AddMinutes(5), crossing, Lead, safe: true, "/var fills").At);
    }

    [Fact]
    public void An_always_open_schedule_runs_the_fix_now()
    {
        var always = new ScheduleOptions { PreferredHours = [], AvoidHours = [], PreferredDays = [] };

        var plan = PreventionSchedule.Plan(Window(always), Wednesday, Wednesday.AddDays(5), Lead, safe: true, "/var fills");

        Assert.True(plan.Due(Wednesday));
        Assert.False(plan.Urgent);
    }

    [Fact]
    public void The_crossing_is_read_from_a_forecast_issue_and_no_other()
    {
        var eta = new DateTimeOffset(2026, 12, 7, 3, 10, 0, TimeSpan.Zero);
        var forecast = Forecast(eta, Wednesday);

        Assert.Equal(eta, PreventionSchedule.Crossing(forecast));
        Assert.Null(PreventionSchedule.Crossing(forecast with { Kind = IssueKind.LowDisk }));
        Assert.Null(PreventionSchedule.Crossing(forecast with { Evidence = new Dictionary<string, string> { ["eta"] = "soon" } }));
    }

    [Fact]
    public async Task The_engine_defers_the_early_cleanup_to_the_planned_window_and_runs_it_there()
    {
        using var cache = new TempCache();
        var time = new FakeTimeProvider(Wednesday);
        var packages = new FakePackageManager { Cleanable = cache.Files(4096, 8192), MeasureCleanable = true, Cache = new(cache.Path, 0, 0, []) };
        var options = new HealingOptions { Policy = HealingPolicy.Supervised, AutoHeal = new HashSet<Anna.Core.Vocabulary.ActionCategory> { Anna.Core.Vocabulary.ActionCategory.CacheCleanup } };
        var rig = new EngineRig(new TestHealingConfig(options), [new CleanPackageCacheEarlyAction(new CleanPackageCacheAction(packages))], time);
        try
        {
            var crossing = new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
            var forecast = WithCache(Forecast(crossing, Wednesday), cache.Path, 12288);

            await rig.Engine.ObserveAsync(forecast, CancellationToken.None);

            var open = Assert.Single(rig.Board.Open);
            Assert.Equal("clean_package_cache_early", open.RecommendedAction);
            Assert.Equal(DecisionKind.Defer, open.Decision!.Kind);
            Assert.Equal(SundayTen, open.Decision.NotBefore);
            Assert.Contains("the last maintenance window that leaves 2 h before /var fills (Mon 12:00)", open.Decision.Reason, StringComparison.Ordinal);
            Assert.Equal(Anna.Core.Vocabulary.ActionOutcome.Deferred, Assert.Single(rig.History.Entries).Outcome);
            Assert.All(packages.Cleanable, f => Assert.True(File.Exists(f.Path)));

            time.SetUtcNow(SundayTen.AddMinutes(1));
            await rig.Engine.ObserveAsync(forecast with { LastSeen = time.GetUtcNow() }, CancellationToken.None);
            await rig.Engine.WhenIdleAsync();

            Assert.All(packages.Cleanable, f => Assert.False(File.Exists(f.Path)));
            var ran = rig.History.Entries.Single(e => e.Outcome == Anna.Core.Vocabulary.ActionOutcome.Success);
            Assert.Equal("clean_package_cache_early", ran.Action);
            Assert.Equal((IssueKind.PredictedDiskFull, "/var"), (ran.IssueKind, ran.Subject));
            Assert.Empty(rig.Board.Open);
        }
        finally
        {
            // The quarantine the cleanup made in the rig's own data directory.
            if (Directory.Exists(rig.Storage.DataDirectory))
                Directory.Delete(rig.Storage.DataDirectory, recursive: true);
        }
    }

    private static Issue Forecast(DateTimeOffset eta, DateTimeOffset now) =>
        new(IssueKind.PredictedDiskFull, "/var", IssueSeverity.Info, "/var full in ~5 days", new Dictionary<string, string> { ["eta"] = eta.ToString("O") }, now, now);

    private static Issue WithCache(Issue forecast, string directory, long bytes) =>
        Anna.Core.Probes.ForecastProbe.WithCache(forecast, new Anna.Core.Linux.Packages.CacheUsage(directory, bytes, bytes, []));

    private sealed class TempCache : IDisposable
    {
        private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("anna-early-cache-");

        public string Path => _dir.FullName;

        public List<Anna.Core.Linux.Packages.CacheFile> Files(params int[] sizes) =>
            sizes.Select((size, i) =>
            {
                var path = System.IO.Path.Combine(_dir.FullName, $"p{i}.deb");
                File.WriteAllBytes(path, new byte[size]);
                return new Anna.Core.Linux.Packages.CacheFile(path, size);
            }).ToList();

        public void Dispose() => _dir.Delete(recursive: true);
    }
}
