using Anna.Core.Rollback;

namespace Anna.Testing;

/// <summary>
/// Stops the executor dead at one fault point, as a crash there would: it throws
/// <see cref="ExecutorHaltedException"/>, which the executor lets through without writing anything
/// more. Every other point passes, and so do the first <c>occurrence - 1</c> passes of this one
/// (a crash at the second step, say). <see cref="Halted"/> tells the test the point was really reached.
/// </summary>
public sealed class HaltingFaults(FaultPoint at, int occurrence = 1) : IFaultInjector
{
    private long _haltedId;
    private int _reached;

    public FaultPoint At { get; } = at;

    /// <summary>The journal id of the action halted, or 0 while none was.</summary>
    public long Halted => Interlocked.Read(ref _haltedId);

    public ValueTask ReachedAsync(FaultPoint point, long journalId, CancellationToken cancellationToken)
    {
        if (point != At || Interlocked.Increment(ref _reached) != occurrence)
            return ValueTask.CompletedTask;
        Interlocked.Exchange(ref _haltedId, journalId);
        throw new ExecutorHaltedException(point);
    }
}
