using Anna.Core.Issues;

namespace Anna.Server.Persistence;

/// <summary>A row of <c>issues</c>: one occurrence of an issue, from first sight until it is resolved.</summary>
public sealed class IssueRow
{
    public long Id { get; set; }
    public required string Kind { get; set; }
    public required string Subject { get; set; }
    /// <summary><see cref="Issue.Key"/>; at most one row per key is open (resolved_at null).</summary>
    public required string Key { get; set; }
    public IssueSeverity Severity { get; set; }
    public required string Summary { get; set; }
    /// <summary>The issue's evidence as a JSON object of strings.</summary>
    public required string Evidence { get; set; }
    public DateTimeOffset FirstSeen { get; set; }
    public DateTimeOffset LastSeen { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
}
