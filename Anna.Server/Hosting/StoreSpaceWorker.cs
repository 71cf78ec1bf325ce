using Anna.Server.Persistence;

namespace Anna.Server.Hosting;

/// <summary>Looks at the data directory's free space every few seconds (one statvfs): see <see cref="StoreSpace"/>.</summary>
internal sealed class StoreSpaceWorker(StoreSpace space, TimeProvider time, ILogger<StoreSpaceWorker> logger) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, time);
        do
        {
            try
            {
                space.Check();
            }
            catch (IOException ex)
            {
                logger.LogWarning("Could not look at the data directory's free space: {Message}", ex.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
