using Anna.Core.Engine;

namespace Anna.Server.Api;

/// <summary>GET /api/v1/healing/list: an open issue with its fix, the decision, and how often people approved such fixes.</summary>
public sealed record HealableIssueDto(int Index, IssueDto Issue, string Action, int Approved, int Rejected)
{
    public static HealableIssueDto From(HealableIssue h) => new(h.Index, IssueDto.From(h.View), h.Action.Name, h.Approved, h.Rejected);
}
