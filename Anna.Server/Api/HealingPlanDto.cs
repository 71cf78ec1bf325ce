using Anna.Core.Engine;

namespace Anna.Server.Api;

/// <summary>The answer to POST /api/v1/auto-heal.</summary>
public sealed record HealingPlanDto(bool DryRun, Guid? SessionId, IReadOnlyList<PlanItemDto> Items)
{
    public static HealingPlanDto From(HealingPlan plan) => new(plan.DryRun, plan.SessionId, plan.Items.Select(PlanItemDto.From).ToList());
}

public sealed record PlanItemDto(int Index, string IssueKey, string Subject, string Action, string Risk, string Decision, string Reason, string? WouldChange, string Outcome, string Result)
{
    public static PlanItemDto From(PlanItem i) =>
        new(i.Index, i.IssueKey, i.Subject, i.Action, i.Risk, JsonNames.Snake(i.Decision), i.Reason, i.WouldChange, JsonNames.Snake(i.Outcome), i.Result);
}
