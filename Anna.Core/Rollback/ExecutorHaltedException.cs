namespace Anna.Core.Rollback;

/// <summary>
/// Thrown by a fault injector to stop the executor dead at a fault point. The runner lets it
/// through without writing anything more — exactly what a crash would leave — so start-up
/// recovery can be tested in-process.
/// </summary>
public sealed class ExecutorHaltedException(FaultPoint point)
    : Exception($"executor halted at {point} by fault injection")
{
    public FaultPoint Point { get; } = point;
}
