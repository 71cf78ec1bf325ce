using Anna.Core.Samples;

namespace Anna.Server.Hosting;

/// <summary>Runs the <see cref="SampleWriter"/> for the life of the host; on stop it writes what is still queued.</summary>
public sealed class SampleWriterWorker(SampleWriter writer, ILogger<SampleWriterWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await writer.RunAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The writer logs and goes on by itself; reaching here is a bug, and it must not stop the host.
            logger.LogError(ex, "The sample writer stopped; samples are no longer stored until Anna restarts");
        }
    }
}
