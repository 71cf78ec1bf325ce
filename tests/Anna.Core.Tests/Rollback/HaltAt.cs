using Anna.Core.Rollback;

namespace Anna.Core.Tests.Rollback;

/// <summary>Stops the executor dead at one fault point, as a crash there would.</summary>
internal sealed class HaltAt(FaultPoint point) : IFaultInjector
{
    public ValueTask ReachedAsync(FaultPoint reached, long journalId, CancellationToken cancellationToken) =>
        reached == point ? throw new ExecutorHaltedException(point) : ValueTask.CompletedTask;
}
