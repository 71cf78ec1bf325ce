using Anna.Core.Actions;
using Anna.Core.Engine;
using Anna.Core.Issues;
using Anna.Core.Linux.FileSystem;
using Anna.Core.Linux.Packages.Apt;
using Anna.Core.Policy;
using Anna.Core.Prediction;
using Anna.Core.Probes;
using Anna.Core.Rollback;
using Anna.Core.Samples;
using Anna.Core.Vocabulary;
using Anna.Testing;
using Anna.IntegrationTests.Activity;

namespace Anna.IntegrationTests.SystemProbes;

/// <summary>
/// A real tmpfs filled at a steady rate by a writer, measured by the real disk probe, forecast by
/// the production forecaster, with apt's cache (its own Dir::Cache) on the same tmpfs: the
/// forecast becomes a predicted_disk_full issue before the tmpfs reaches critical, its preventive
/// plan is the early cache cleanup planned for the last maintenance window that still leaves time,
/// and it runs there — not before — through the engine, journaled and undoable. Five minutes of the
/// test's clock pass per step, so days of filling take seconds.
/// </summary>
public sealed class PreventiveCleanupTests
{
    // Local clock times: maintenance windows are in the host's zone.
    private static readonly DateTimeOffset Wednesday = Local(new DateTime(2026, 12, 2, 0, 0, 0));
    private static readonly TimeSpan Step = TimeSpan.FromMinutes(5);
    private const long Size = 64L << 20;
    private const long CacheBytes = 8L << 20;

    [RootFact]
    public async Task A_filling_tmpfs_gets_its_cache_cleaned_early_in_the_last_window_before_it_would_fill()
    {
        using var tmpfs = await TmpfsMount.CreateAsync($"size={Size}");
        var archives = Path.Combine(tmpfs.Path, "cache", "archives");
        Directory.CreateDirectory(Path.Combine(archives, "partial"));
        for (var i = 0; i < 4; i++)
            tmpfs.Fill(Path.Combine("cache", "archives", $"anna-{i}_1.0_all.deb"), CacheBytes / 4);
        var apt = new AptPackageManager(new AptOptions
        {
            ExtraOptions = [$"Dir::Cache={Path.Combine(tmpfs.Path, "cache")}"],
            ArchivesDirectory = archives,
            RebootRequiredPath = Path.Combine(tmpfs.Path, "reboot-required"),
            LockFiles = [Path.Combine(archives, DebCache.LockFileName)],
        });
        var time = new SteppedClock(Wednesday);
        var config = new TestHealingConfig(new HealingOptions
        {
            Policy = HealingPolicy.Supervised,
            AutoHeal = new HashSet<ActionCategory> { ActionCategory.CacheCleanup },
        });
        var rig = new EngineRig(config, [new CleanPackageCacheEarlyAction(new CleanPackageCacheAction(apt))], time, [new QuarantineStepUndoer()]);
        try
        {
            var watch = new ForecastWatch(config);
            var disk = new DiskSpaceProbe(config, time, extraMountPoints: [tmpfs.Path], samples: new Observed(watch));
            var forecasts = new ForecastProbe(watch, time, apt);
            var window = new MaintenanceWindow(config.Current.Schedule, time.LocalTimeZone);

            // The writer fills what is left up to 95 % over 5.5 days: the tmpfs would reach critical on Monday at noon.
            var used = UsedBytes(tmpfs.Path);
            var crossing = Wednesday.AddHours(132);
            var perStep = (long)((0.95 * Size - used) / ((crossing - Wednesday) / Step));
            Decision? firstPlan = null;
            DateTimeOffset? firstSeen = null;
            for (var i = 0; time.GetUtcNow() < crossing && !rig.History.Entries.Any(e => e.Outcome == ActionOutcome.Success); i++)
            {
                tmpfs.Fill($"data-{i}", perStep);
                time.SetUtcNow(time.GetUtcNow() + Step);
                await Scan(rig, disk);
                await Scan(rig, forecasts);
                await rig.Engine.WhenIdleAsync();
                if (firstPlan is null && rig.Board.TryGet(Issue.KeyOf(IssueKind.PredictedDiskFull, tmpfs.Path), out var view) && view?.Decision is { } decision)
                    (firstPlan, firstSeen) = (decision, time.GetUtcNow());
            }

            Assert.NotNull(firstPlan);
            Assert.True(firstSeen < crossing.AddDays(-2), $"forecast first seen at {firstSeen}");
            Assert.Equal(DecisionKind.Defer, firstPlan.Kind);
            Assert.Equal(Local(new DateTime(2026, 12, 6, 22, 0, 0)), firstPlan.NotBefore); // Sun 22:00, not Sat 22:00
            Assert.Contains("the last maintenance window that leaves 2 h before", firstPlan.Reason, StringComparison.Ordinal);
            var ran = Assert.Single(rig.History.Entries, e => e.Outcome == ActionOutcome.Success);
            Assert.Equal("clean_package_cache_early", ran.Action);
            Assert.True(window.IsOpen(ran.StartedAt), $"ran at {ran.StartedAt}, outside the window");
            Assert.True(ran.StartedAt >= firstPlan.NotBefore && ran.StartedAt < crossing.AddHours(-2), $"ran at {ran.StartedAt}");
            Assert.Empty(Directory.GetFiles(archives, "*.deb"));
            Assert.True(UsedBytes(tmpfs.Path) < 0.95 * Size);

            var undo = await rig.Undo.UndoAsync(ran.Id, "test", force: false, CancellationToken.None);
            Assert.Equal(UndoStatus.Undone, undo.Status);
            Assert.Equal(4, Directory.GetFiles(archives, "*.deb").Length);
        }
        finally
        {
            // The quarantine the cleanup made in the rig's own data directory.
            if (Directory.Exists(rig.Storage.DataDirectory))
                Directory.Delete(rig.Storage.DataDirectory, recursive: true);
        }
    }

    private static async Task Scan(EngineRig rig, IProbe probe)
    {
        var session = await rig.Engine.BeginSessionAsync(Anna.Core.Sessions.SessionTrigger.Scan, CancellationToken.None);
        await rig.Engine.ApplyScanAsync(probe, await probe.ScanAsync(CancellationToken.None), session, CancellationToken.None);
        rig.Engine.EndSession(session);
    }

    private static DateTimeOffset Local(DateTime local) => new(local, TimeZoneInfo.Local.GetUtcOffset(local));

    private static long UsedBytes(string mount)
    {
        var usage = FileSystemUsage.Of(mount);
        return usage.TotalBytes - usage.FreeBytes;
    }

    /// <summary>Hands each sample straight to the watch, as the sample writer does after keeping it.</summary>
    private sealed class Observed(ISampleObserver observer) : ISampleSink
    {
        public bool TryAdd(Sample sample)
        {
            observer.Observe(sample);
            return true;
        }
    }
}
