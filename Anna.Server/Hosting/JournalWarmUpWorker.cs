using Anna.Core.Rollback;
using Anna.Server.Persistence;

namespace Anna.Server.Hosting;

/// <summary>
/// Warms the journal's write path (<see cref="EfActionJournal.WarmUpAsync"/>) once Anna is serving,
/// instead of before: it took about 350 ms of the 2.1 s from process start to /healthz, and the
/// first heal still finds it done (a scan and the settle time come first).
/// </summary>
internal sealed class JournalWarmUpWorker(IActionJournal journal, IHostApplicationLifetime lifetime, ILogger<JournalWarmUpWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (journal is not EfActionJournal store)
            return;
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            try
            {
                await started.Task.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
        try
        {
            await store.WarmUpAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Only the first heal's speed depends on it; that heal reports its own store errors.
            logger.LogWarning("Could not warm up the action journal: {Message}", ex.Message);
        }
    }
}
