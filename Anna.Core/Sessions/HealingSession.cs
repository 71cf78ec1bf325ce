using Anna.Core.Vocabulary;
using System.Collections.Concurrent;

namespace Anna.Core.Sessions;

/// <summary>
/// One pass of the engine (a signal, a scan, a person's request, an approval). It bounds how many
/// actions may run (max_actions_per_session), carries per-session consent, and counts what
/// happened so the pass can be recorded with the machine's state before and after.
/// </summary>
public sealed class HealingSession
{
    private readonly ConcurrentBag<Task> _running = [];
    private readonly ConcurrentDictionary<ActionCategory, byte> _consented = new();
    private readonly int _budget;
    private int _started;
    private int _issuesSeen;
    private int _succeeded;
    private int _failed;
    private int _suggested;
    private int _queued;
    private int _overBudget;

    internal HealingSession(SessionTrigger trigger, SystemState stateBefore, DateTimeOffset startedAt, int budget)
    {
        Trigger = trigger;
        StateBefore = stateBefore;
        StartedAt = startedAt;
        _budget = Math.Max(1, budget);
    }

    public Guid Id { get; } = Guid.NewGuid();

    public SessionTrigger Trigger { get; }

    /// <summary>The machine's state before the session acted: the worst seen until its first action started.</summary>
    public SystemState StateBefore { get; private set; }

    public DateTimeOffset StartedAt { get; }

    public bool BudgetLeft => Volatile.Read(ref _started) < _budget;

    public bool HasConsent(ActionCategory category) => _consented.ContainsKey(category);

    public void Consent(ActionCategory category) => _consented.TryAdd(category, 0);

    /// <summary>Takes one action from the budget; false (and counted) when it is spent.</summary>
    public bool TryTakeBudget()
    {
        if (Interlocked.Increment(ref _started) <= _budget)
            return true;
        Interlocked.Decrement(ref _started);
        Interlocked.Increment(ref _overBudget);
        return false;
    }

    /// <summary>Gives back a budget slot taken for an action that did not start after all.</summary>
    public void ReturnBudget() => Interlocked.Decrement(ref _started);

    public void Track(Task running) => _running.Add(running);

    public Task WhenActionsDoneAsync() => Task.WhenAll(_running);

    public void SawIssue() => Interlocked.Increment(ref _issuesSeen);

    /// <summary>
    /// Takes the state once the session's issues are known: a session opened by a failure signal
    /// starts before the failure is on the board, yet its "before" is the degraded machine.
    /// </summary>
    public void SawState(SystemState state)
    {
        if (Volatile.Read(ref _started) == 0 && state > StateBefore)
            StateBefore = state;
    }

    public void Suggested() => Interlocked.Increment(ref _suggested);

    public void Queued() => Interlocked.Increment(ref _queued);

    public void Finished(bool succeeded)
    {
        if (succeeded)
            Interlocked.Increment(ref _succeeded);
        else
            Interlocked.Increment(ref _failed);
    }

    public HealingSessionRecord ToRecord(DateTimeOffset? finishedAt = null, SystemState? stateAfter = null) => new()
    {
        Id = Id,
        Trigger = Trigger,
        StartedAt = StartedAt,
        FinishedAt = finishedAt,
        StateBefore = StateBefore,
        StateAfter = stateAfter,
        IssuesSeen = Volatile.Read(ref _issuesSeen),
        Executed = Volatile.Read(ref _succeeded) + Volatile.Read(ref _failed),
        Succeeded = Volatile.Read(ref _succeeded),
        Failed = Volatile.Read(ref _failed),
        Suggested = Volatile.Read(ref _suggested),
        Queued = Volatile.Read(ref _queued),
        OverBudget = Volatile.Read(ref _overBudget),
    };
}
