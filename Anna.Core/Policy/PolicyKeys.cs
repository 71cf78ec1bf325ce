namespace Anna.Core.Policy;

/// <summary>
/// The healing.toml keys a person may change through <see cref="IPolicyEditor"/>. Errors name
/// these keys, so every door (API, dashboard) can put an error next to the field it belongs to.
/// </summary>
public static class PolicyKeys
{
    public const string Policy = "healing.policy";
    public const string MaxActionsPerSession = "healing.max_actions_per_session";
    public const string RequireApproval = "healing.require_approval";
    public const string AutoHeal = "healing.auto_heal";
    public const string NeverAutoHeal = "healing.never_auto_heal";
    public const string ScanInterval = "healing.scan_interval";
    public const string SettleSeconds = "healing.settle_seconds";
    public const string PreferredHours = "healing.schedule.preferred_hours";
    public const string AvoidHours = "healing.schedule.avoid_hours";
    public const string PreferredDays = "healing.schedule.preferred_days";
    public const string AvoidDays = "healing.schedule.avoid_days";
    public const string HistorySize = "healing.rollback.history_size";
    public const string AutoRollbackOnFailure = "healing.rollback.auto_rollback_on_failure";
    public const string RollbackTimeout = "healing.rollback.rollback_timeout";
    public const string MaxFailures = "healing.circuit_breaker.max_failures";
    public const string FailureWindow = "healing.circuit_breaker.failure_window";

    /// <summary>What an error about the policy file as a whole (owner, mode, writing it) names instead of a key.</summary>
    public const string File = "(file)";
}
