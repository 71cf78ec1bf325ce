using Anna.Core.Vocabulary;
using Anna.Core.Policy;
using Anna.Core.Risk;

namespace Anna.Server.Persistence;

/// <summary>A row of <c>action_history</c>: the stored form of a <see cref="Anna.Core.History.HistoryEntry"/>.</summary>
public sealed class ActionHistoryRow
{
    public long Id { get; set; }
    public required string IssueType { get; set; }
    public required string Subject { get; set; }
    public required string Action { get; set; }
    public ActionCategory Category { get; set; }
    public ActionRisk Risk { get; set; }
    public HealingPolicy Policy { get; set; }
    public DecisionKind Decision { get; set; }
    public ConsentLevel Consent { get; set; }
    public required string Reason { get; set; }
    public ActionOutcome Outcome { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public long DurationMs { get; set; }
    public required string Detail { get; set; }
    /// <summary>
    /// Whether <see cref="Detail"/> says the disk was full (<see cref="Anna.Core.Insights.RootCauses.SaysNoSpace"/>),
    /// set whenever the detail is written: a report over thousands of rows reads this, not their text.
    /// </summary>
    public bool NoSpace { get; set; }
    public Guid? SessionId { get; set; }
    public string? ApprovedBy { get; set; }
}
