using Anna.Core.Activity;
using Anna.Server.Configuration;
using Microsoft.Extensions.Options;

namespace Anna.Server.Hosting;

/// <summary>
/// Samples the machine's use (<see cref="ActivitySampler"/>) every <c>Anna:Activity:IntervalSeconds</c>,
/// on its own loop: a slow logind delays only the next sample, never a scan or a heal. One bad
/// sample is logged and the loop goes on.
/// </summary>
public sealed class ActivitySamplerWorker(
    ActivitySampler sampler, IOptions<AnnaHostOptions> options, TimeProvider time, ILogger<ActivitySamplerWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = options.Value.Activity.IntervalSeconds;
        if (seconds <= 0)
            return;
        var interval = TimeSpan.FromSeconds(seconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await sampler.SampleOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                logger.LogWarning(ex, "Could not sample the machine's activity; trying again in {Seconds} s", seconds);
            }
            await Task.Delay(interval, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }
}
