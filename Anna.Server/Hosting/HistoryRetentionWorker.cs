using Anna.Core.History;

namespace Anna.Server.Hosting;

/// <summary>
/// Runs <see cref="HistoryRetention"/> a few minutes after start-up (start-up and the first heals come
/// first) and then every hour: off the healing path, in batches.
/// </summary>
public sealed class HistoryRetentionWorker(HistoryRetention retention, TimeProvider time, ILogger<HistoryRetentionWorker> logger) : BackgroundService
{
    private static readonly TimeSpan FirstAfter = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Delay(FirstAfter, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await retention.PruneAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Could not delete history past its retention; trying again in {Interval}", Interval);
            }
            await Task.Delay(Interval, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }
}
