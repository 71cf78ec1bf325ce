namespace Anna.Core.Rollback;

/// <summary>
/// Crash-safety testing seam: the executor reports each <see cref="FaultPoint"/> it passes. The
/// host's injector does nothing unless configured; tests halt the executor there (as a crash
/// would) or hold it so the process can be killed.
/// </summary>
public interface IFaultInjector
{
    ValueTask ReachedAsync(FaultPoint point, long journalId, CancellationToken cancellationToken);
}
