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
    /// <summary>
    /// How long after Anna serves the warm-up waits: a supervisor's first /healthz comes right after the
    /// start, and its answer (which builds the route table) took 780-930 ms while the warm-up ran beside it
    /// on 2 busy cores, 290-410 ms when it waited. Warm-up and all are done well before the default 5 s settle time.
    /// </summary>
    private static readonly TimeSpan AfterServing = TimeSpan.FromSeconds(1);

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
            await Task.Delay(AfterServing, stoppingToken).ConfigureAwait(false);
            await store.WarmUpAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Only the first heal's speed depends on it; that heal reports its own store errors.
            logger.LogWarning("Could not warm up the action journal: {Message}", ex.Message);
        }
    }
}
