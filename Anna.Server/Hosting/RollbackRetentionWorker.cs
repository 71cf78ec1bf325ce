using Anna.Core.Rollback;

namespace Anna.Server.Hosting;

/// <summary>
/// Once a minute, expires what is past rollback_timeout or beyond history_size and purges what it
/// kept; then, on any filesystem that is critical, purges the quarantine early (the actions say
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
            try
            {
                await retention.PruneAsync(stoppingToken);
                await criticalDisks.PurgeAsync(stoppingToken);
                await Task.Delay(Interval, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Could not prune the rollback journal; trying again in {Interval}", Interval);
                await Task.Delay(Interval, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }
}
