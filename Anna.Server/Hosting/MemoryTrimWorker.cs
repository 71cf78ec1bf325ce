using System.Runtime;

namespace Anna.Server.Hosting;

/// <summary>
/// Gives back what an idle daemon's collector would keep. A busy Anna collects fully on its own; an idle
/// one allocates a little with every heal and scan, and its young collections carry what outlives them
/// into the old generation, which is collected only when it has grown a lot: over 2,000 idle heals the
/// heap grew from 11.6 to 14.0 MiB, and to 17 MiB over 10,000 — garbage, since with a full collection
/// every few minutes it stayed at 10.5–12.4 MiB. So every five minutes, if Anna allocated at least
/// <see cref="MinAllocated"/> and no full collection ran in that time, one runs now, compacting and
/// returning free memory to the system (the log says how long it took). Under load the collector's own
/// full collections make this a no-op.
/// </summary>
public sealed class MemoryTrimWorker(TimeProvider time, ILogger<MemoryTrimWorker> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    /// <summary>Allocation since the last look below which there is nothing worth giving back.</summary>
    public const long MinAllocated = 16 << 20;

    /// <summary>Whether to collect now, given the reading at the last look and now.</summary>
    public static bool ShouldTrim(GcReading last, GcReading now)
    {
        ArgumentNullException.ThrowIfNull(last);
        ArgumentNullException.ThrowIfNull(now);
        return now.FullCollections == last.FullCollections && now.AllocatedBytes - last.AllocatedBytes >= MinAllocated;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var last = GcReading.Now();
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(Interval, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (stoppingToken.IsCancellationRequested)
                break;
            var now = GcReading.Now();
            if (ShouldTrim(last, now))
            {
                var before = GC.GetTotalMemory(forceFullCollection: false);
                var pause = System.Diagnostics.Stopwatch.StartNew();
                GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                logger.LogInformation("Collected fully after {Allocated} MiB allocated without a full collection: heap {Before} → {After} MiB in {Ms} ms",
                    (now.AllocatedBytes - last.AllocatedBytes) >> 20, before >> 20, GC.GetTotalMemory(forceFullCollection: false) >> 20, pause.ElapsedMilliseconds);
                now = GcReading.Now();
            }
            last = now;
        }
    }
}
