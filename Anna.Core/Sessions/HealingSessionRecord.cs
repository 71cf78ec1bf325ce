
namespace Anna.Core.Sessions;

/// <summary>One pass of the engine: what it saw, decided and did, and the machine's state before and after.</summary>
public sealed record HealingSessionRecord
{
    public required Guid Id { get; init; }
    public required SessionTrigger Trigger { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
    public required SystemState StateBefore { get; init; }
    public SystemState? StateAfter { get; init; }
    public int IssuesSeen { get; init; }
    public int Executed { get; init; }
    public int Succeeded { get; init; }
    public int Failed { get; init; }
    public int Suggested { get; init; }
    public int Queued { get; init; }
    /// <summary>Actions not run because the session's budget (max_actions_per_session) was spent.</summary>
    public int OverBudget { get; init; }
}
