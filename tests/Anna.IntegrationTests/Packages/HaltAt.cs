using Anna.Core.Rollback;

namespace Anna.IntegrationTests.Packages;

/// <summary>Stops the executor dead at one fault point, as a crash would there.</summary>
public sealed class HaltAt(FaultPoint point) : IFaultInjector
{
    public ValueTask ReachedAsync(FaultPoint reached, long journalId, CancellationToken cancellationToken) =>
        reached == point ? throw new ExecutorHaltedException(point) : ValueTask.CompletedTask;
}
