using Anna.Core.Engine;

namespace Anna.Server.Api;

/// <summary>An open issue as the API shows it, with the recommended action and what policy says about it.</summary>
public sealed record IssueDto(
    string Kind,
    string Subject,
    string Severity,
    string Summary,
    IReadOnlyDictionary<string, string> Evidence,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastSeen,
    string? RecommendedAction,
    string? ActionDescription,
    string? Category,
    string? Risk,
    string? Decision,
    string? Reason,
    DateTimeOffset? NotBefore,
    bool CanAutoHeal)
{
    public static IssueDto From(IssueView view) => new(
        view.Issue.Kind,
        view.Issue.Subject,
        JsonNames.Snake(view.Issue.Severity),
        view.Issue.Summary,
        view.Issue.Evidence,
        view.Issue.FirstSeen,
        view.Issue.LastSeen,
        view.RecommendedAction,
        view.ActionDescription,
        view.Category,
        view.Risk is { } risk ? JsonNames.Snake(risk) : null,
        view.Decision is { } d ? JsonNames.Snake(d.Kind) : null,
        view.Decision?.Reason,
        view.Decision?.NotBefore,
        view.CanAutoHeal);
}
