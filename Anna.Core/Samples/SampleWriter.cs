using Microsoft.Extensions.Logging;

namespace Anna.Core.Samples;

/// <summary>
/// Drains the <see cref="SampleQueue"/> into the store in batches (the queue's only reader: one
/// <see cref="RunAsync"/> per queue, and <see cref="DrainAsync"/> only where none runs) (up to <see cref="MaxBatch"/>
/// samples, or whatever arrived within <see cref="FlushInterval"/>), skipping samples that follow
/// the previous one of their series closer than <see cref="SampleRetention.MinRawSpacing"/>; every
/// <see cref="MaintenanceInterval"/> it rolls up and prunes. A failed write is logged and its batch
/// dropped and counted: the queue must keep moving, and samples are history, not state. Every kept
/// sample is shown to the <see cref="ISampleObserver"/>s (the anomaly watch) before it is stored.
/// </summary>
public sealed class SampleWriter(SampleQueue queue, ISampleStore store, TimeProvider time, ILogger<SampleWriter> logger,
    IEnumerable<ISampleObserver>? observers = null)
{
    private readonly ISampleObserver[] _observers = observers?.ToArray() ?? [];

    public const int MaxBatch = 500;
    public static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan MaintenanceInterval = TimeSpan.FromMinutes(5);

    private readonly Dictionary<(string Metric, string Subject), DateTimeOffset> _lastKept = [];
    private DateTimeOffset _lastMaintenance = DateTimeOffset.MinValue;
    private long _skipped;
    private long _overCap;
    private long _failed;

    /// <summary>Samples not stored because they came too soon after the previous one of their series (routine: a probe ran often).</summary>
    public long Skipped => Interlocked.Read(ref _skipped);

    /// <summary>Samples not stored because their series would have gone beyond <see cref="SampleRetention.MaxSeries"/>.</summary>
    public long OverCap => Interlocked.Read(ref _overCap);

    /// <summary>Samples lost because the store could not write their batch.</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Every <see cref="FlushInterval"/>: writes what was queued, then maintains when due; on stop, writes what is left.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        foreach (var observer in _observers)
        {
            try
            {
                await observer.WarmUpAsync(store, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
            {
                // Without its history a model starts from nothing; the samples still flow.
                logger.LogWarning(ex, "{Observer} could not read its history from the sample store", observer.GetType().Name);
            }
        }
        while (!cancellationToken.IsCancellationRequested)
        {
            // Polling on a timer rather than waking per sample: a probe pass queues a burst, and one
            // transaction for the burst is what keeps the writes cheap.
            await Task.Delay(FlushInterval, time, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (cancellationToken.IsCancellationRequested)
                break;
            await DrainAsync(cancellationToken).ConfigureAwait(false);
        }
        // Stopping: what is still queued is written, so a restart loses no samples it had.
        await WriteQueuedAsync(CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Writes whatever is queued now, and runs maintenance when it is due; for tests and shutdown.</summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        // Not cancelled midway: a batch taken off the queue is written (a short transaction) or counted lost.
        await WriteQueuedAsync(CancellationToken.None).ConfigureAwait(false);
        await MaintainIfDueAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task WriteQueuedAsync(CancellationToken cancellationToken)
    {
        var batch = new List<Sample>(MaxBatch);
        while (queue.Reader.TryRead(out var sample))
        {
            Keep(sample, batch);
            if (batch.Count == MaxBatch)
                await FlushAsync(batch, cancellationToken).ConfigureAwait(false);
        }
        await FlushAsync(batch, cancellationToken).ConfigureAwait(false);
    }

    private void Keep(Sample sample, List<Sample> batch)
    {
        var key = (sample.Metric, sample.Subject);
        if (_lastKept.TryGetValue(key, out var last) && sample.At - last < SampleRetention.MinRawSpacing && sample.At >= last)
        {
            Interlocked.Increment(ref _skipped);
            return;
        }
        _lastKept[key] = sample.At;
        batch.Add(sample);
        foreach (var observer in _observers)
        {
            try
            {
                observer.Observe(sample);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // A model that fails on a sample must not stop the samples being stored.
                logger.LogWarning(ex, "{Observer} failed on a {Metric} sample of {Subject}", observer.GetType().Name, sample.Metric, sample.Subject);
            }
        }
    }

    private async Task FlushAsync(List<Sample> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
            return;
        try
        {
            var kept = await store.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
            Interlocked.Add(ref _overCap, batch.Count - kept);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Interlocked.Add(ref _failed, batch.Count);
            logger.LogWarning(ex, "Could not write {Count} samples; they are dropped", batch.Count);
        }
        batch.Clear();
        // Series that stopped reporting (a unit that recovered) must not keep the dictionary growing.
        if (_lastKept.Count > SampleRetention.MaxSeries * 4)
            _lastKept.Clear();
    }

    private async Task MaintainIfDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (now - _lastMaintenance < MaintenanceInterval)
            return;
        _lastMaintenance = now;
        try
        {
            var done = await store.RollUpAndPruneAsync(now, cancellationToken).ConfigureAwait(false);
            logger.LogDebug("Samples rolled up and pruned: {Maintenance}", done);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.LogWarning(ex, "Could not roll up or prune the samples; trying again in {Interval}", MaintenanceInterval);
        }
    }
}
