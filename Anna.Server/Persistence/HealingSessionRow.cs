using Anna.Core.Engine;
using Anna.Core.Sessions;

namespace Anna.Server.Persistence;

/// <summary>A row of <c>healing_sessions</c>: the stored form of a <see cref="HealingSessionRecord"/>.</summary>
public sealed class HealingSessionRow
{
    public Guid Id { get; set; }
    public SessionTrigger Trigger { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public SystemState StateBefore { get; set; }
    public SystemState? StateAfter { get; set; }
    public int IssuesSeen { get; set; }
    public int Executed { get; set; }
    public int Succeeded { get; set; }
    public int Failed { get; set; }
    public int Suggested { get; set; }
    public int Queued { get; set; }
    public int OverBudget { get; set; }
}
