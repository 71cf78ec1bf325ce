using Anna.Core.Vocabulary;
using Anna.Core.Breaker;
using Anna.Core.Events;

namespace Anna.Server.Hosting;

/// <summary>Turns a circuit breaker trip into an engine event (metrics, hub, dashboard); the breaker logs it itself.</summary>
public sealed class BreakerTripReporter(HealingCircuitBreaker breaker, EngineEventFeed events, TimeProvider time) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        breaker.Tripped += OnTripped;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        breaker.Tripped -= OnTripped;
        return Task.CompletedTask;
    }

    private void OnTripped(BreakerRecord record)
    {
        var scope = record.Subject == BreakerRecord.Global ? "all healing" : record.Subject;
        events.Publish(new EngineEvent(EngineEventKind.BreakerTripped, time.GetUtcNow(),
            $"circuit breaker opened for {scope} after {record.Failures.Count} failed heals", Subject: record.Subject));
    }
}
