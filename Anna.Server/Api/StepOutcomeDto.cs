using Anna.Core.Rollback;

namespace Anna.Server.Api;

/// <summary>What undoing one step did.</summary>
public sealed record StepOutcomeDto(string Step, bool Succeeded, string Detail)
{
    public static StepOutcomeDto From(StepOutcome o) => new(o.Step, o.Succeeded, o.Detail);
}
