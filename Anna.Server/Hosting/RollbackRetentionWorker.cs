using Anna.Core.Rollback;

namespace Anna.Server.Hosting;

/// <summary>
/// Once a minute, expires what is past rollback_timeout or beyond history_size and purges what it
/// kept; then, on any filesystem that is critical, purges early what undo keeps there (the actions say
/// they are no longer undoable).
/// </summary>
public sealed class RollbackRetentionWorker(
    RollbackRetention retention,
    CriticalDiskPurge criticalDisks,
    TimeProvider time,
    ILogger<RollbackRetentionWorker> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            // Each on its own: a journal that cannot be read must not keep a critical disk from its space.
            await RunAsync(() => retention.PruneAsync(stoppingToken), "prune the rollback journal", stoppingToken);
            await RunAsync(() => criticalDisks.PurgeAsync(stoppingToken), "purge what undo keeps on critical disks", stoppingToken);
            await Task.Delay(Interval, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task RunAsync(Func<Task> pass, string what, CancellationToken stoppingToken)
    {
        try
        {
            await pass();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not {What}; trying again in {Interval}", what, Interval);
        }
    }
}
