namespace Anna.Core.Engine;

/// <summary>
/// Whether an allowed action actually started; if not, which gate held it back and why in words.
/// <see cref="Journaled"/> completes once a started action's intent is on disk (or its run ended
/// without one), so a caller's own writes can wait their turn instead of delaying it.
/// </summary>
public sealed record StartResult(StartOutcome Outcome, string Why)
{
    public static StartResult Running(Task journaled) => new(StartOutcome.Started, "started") { Journaled = journaled };

    public bool Started => Outcome == StartOutcome.Started;

    public Task Journaled { get; init; } = Task.CompletedTask;
}
