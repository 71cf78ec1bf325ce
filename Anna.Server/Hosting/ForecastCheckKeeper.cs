using Anna.Core.Prediction;
using Anna.Server.Persistence;

namespace Anna.Server.Hosting;

/// <summary>
/// Keeps the <see cref="ForecastCheck"/>'s record in the store: read back at start (before the forecasts
/// replay their history, so what was pending is still judged and nothing is recorded twice), and what
/// changed written every <see cref="Interval"/> and on stop. A failed write is logged and tried again
/// next time: the record stays in memory meanwhile.
/// </summary>
public sealed class ForecastCheckKeeper(ForecastCheck check, EfForecastCheckStore store, TimeProvider time, ILogger<ForecastCheckKeeper> logger)
    : BackgroundService
{
    /// <summary>Predictions change at most once a sample; a judgement lost in a crash is made again at start, from the stored samples.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    public async Task LoadAsync(CancellationToken cancellationToken) => check.Load(await store.LoadAsync(cancellationToken));

    /// <summary>Writes what changed since the last save.</summary>
    public async Task SaveAsync(CancellationToken cancellationToken)
    {
        var unsaved = check.Unsaved();
        if (unsaved.Count == 0)
            return;
        await store.SaveAsync(unsaved, cancellationToken);
        check.Saved(unsaved);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(Interval, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await TrySaveAsync();
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await TrySaveAsync();
    }

    private async Task TrySaveAsync()
    {
        try
        {
            // Never cut short: one short transaction, and on stop it is the last chance.
            await SaveAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.LogWarning(ex, "Could not store the forecast self-check; trying again in {Interval}", Interval);
        }
    }
}
