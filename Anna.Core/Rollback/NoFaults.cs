namespace Anna.Core.Rollback;

/// <summary>The injector of a normal run: every fault point passes.</summary>
public sealed class NoFaults : IFaultInjector
{
    public static NoFaults Instance { get; } = new();

    public ValueTask ReachedAsync(FaultPoint point, long journalId, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
