using Anna.Core.Rollback;

namespace Anna.IntegrationTests.Rollback;

/// <summary>Stops the executor dead at one fault point, as a crash there would: nothing after it is written.</summary>
internal sealed class HaltAt(FaultPoint point) : IFaultInjector
{
    public int Halted { get; private set; }

    public ValueTask ReachedAsync(FaultPoint reached, long journalId, CancellationToken cancellationToken)
    {
        if (reached != point)
            return ValueTask.CompletedTask;
        Halted++;
        throw new ExecutorHaltedException(point);
    }
}
