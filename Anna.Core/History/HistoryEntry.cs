using Anna.Core.Vocabulary;
using Anna.Core.Policy;
using Anna.Core.Risk;

namespace Anna.Core.History;

/// <summary>One action Anna took or proposed: who/what/why, timings and outcome.</summary>
public sealed record HistoryEntry
{
    public long Id { get; init; }
    public required string IssueKind { get; init; }
    public required string Subject { get; init; }
    public required string Action { get; init; }
    public required ActionCategory Category { get; init; }
    public required ActionRisk Risk { get; init; }
    public required HealingPolicy Policy { get; init; }
    public required DecisionKind Decision { get; init; }
    public required ConsentLevel Consent { get; init; }
    /// <summary>Why the policy decided as it did, in words.</summary>
    public required string Reason { get; init; }
    public required ActionOutcome Outcome { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
    public long DurationMs { get; init; }
    /// <summary>What happened, in words (job results, verification, errors).</summary>
    public string Detail { get; init; } = "";
    /// <summary>The healing session this entry belongs to, when it ran in one.</summary>
    public Guid? SessionId { get; init; }
    /// <summary>Who approved it, for actions that ran after approval.</summary>
    public string? ApprovedBy { get; init; }
}
