using Anna.Core.Actions;
using Anna.Core.Policy;
using Anna.Core.Risk;

namespace Anna.Server.Api;

/// <summary>GET /api/v1/config: the policy in force, and why an edit on disk was rejected, if it was.</summary>
public sealed record ConfigDto(string? Path, bool Valid, IReadOnlyList<ConfigErrorDto> Errors, HealingDto Healing)
{
    public static ConfigDto From(IHealingConfig config) => new(
        config.Path,
        config.Errors.Count == 0,
        config.Errors.Select(e => new ConfigErrorDto(e.File, e.Line, e.Column, e.Key, e.Message)).ToList(),
        HealingDto.From(config.Current));
}

public sealed record ConfigErrorDto(string File, int Line, int Column, string Key, string Message);

public sealed record HealingDto(
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
    public static HealingDto From(HealingOptions o) => new(
        JsonNames.Snake(o.Policy),
        o.MaxActionsPerSession,
        o.RequireApproval.Order().Select(r => r.ToName()).ToList(),
        o.AutoHeal.Order().Select(c => c.ToName()).ToList(),
        o.NeverAutoHeal.Order().Select(c => c.ToName()).ToList(),
        o.ScanIntervalSeconds,
        o.SettleSeconds,
        o.Schedule,
        o.Rollback,
        o.CircuitBreaker);
}
