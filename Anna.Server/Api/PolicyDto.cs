using Anna.Core.Policy;

namespace Anna.Server.Api;

/// <summary>
/// GET/PUT /api/v1/policy: the policy in force, in the shape of <see cref="HealingDto"/>, with the
/// state of the file it comes from.
/// </summary>
public sealed record PolicyDto(
    string? Path,
    bool Valid,
    IReadOnlyList<ConfigErrorDto> Errors,
    string Policy,
    int MaxActionsPerSession,
    IReadOnlyList<string> RequireApproval,
    IReadOnlyList<string> AutoHeal,
    IReadOnlyList<string> NeverAutoHeal,
    int ScanInterval,
    double SettleSeconds,
    ScheduleOptions Schedule,
    RollbackOptions Rollback,
    CircuitBreakerOptions CircuitBreaker)
{
    public static PolicyDto From(IHealingConfig config)
    {
        var state = ConfigDto.From(config);
        var h = state.Healing;
        return new(state.Path, state.Valid, state.Errors, h.Policy, h.MaxActionsPerSession, h.RequireApproval,
            h.AutoHeal, h.NeverAutoHeal, h.ScanInterval, h.SettleSeconds, h.Schedule, h.Rollback, h.CircuitBreaker);
    }
}
