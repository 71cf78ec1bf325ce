using Anna.Core.Vocabulary;
using Anna.Core.Linux.FileSystem;
using Anna.Core.Risk;

namespace Anna.Core.Policy;

/// <summary>
/// Every healing.toml setting, in the order of the documented file: the one table the schema, the
/// parser, the writer, the API and the Settings page are made from. A key is spelled here and nowhere
/// else; code that needs one names its entry (<see cref="RollbackTimeout"/>), never the string.
/// </summary>
public static class PolicySettings
{
    public static readonly PolicySetting Policy = new("healing.policy", "policy", SettingKind.Choice,
        "How much Anna does by itself: manual, guided, supervised or autonomous",
        o => o.Policy.ToString().ToLowerInvariant(),
        (o, v) => o with { Policy = Enum.Parse<HealingPolicy>((string)v, ignoreCase: true) })
    { Choices = [.. Enum.GetValues<HealingPolicy>().Select(p => p.ToString().ToLowerInvariant())] };

    public static readonly PolicySetting MaxActionsPerSession = new("healing.max_actions_per_session", "maxActionsPerSession", SettingKind.Whole,
        "At most this many fixes in one healing pass; the rest wait for the next",
        o => (long)o.MaxActionsPerSession, (o, v) => o with { MaxActionsPerSession = Whole(v) })
    { Min = 1, Max = 100 };

    public static readonly PolicySetting RequireApproval = new("healing.require_approval", "requireApproval", SettingKind.ChoiceSet,
        "Risk levels that wait for a person's approval in supervised mode",
        o => Names(o.RequireApproval.Order().Select(r => r.ToName())),
        (o, v) => o with { RequireApproval = Set((IReadOnlyList<string>)v, n => ActionRiskNames.TryParse(n, out var r) ? r : default) })
    { Choices = [.. Enum.GetValues<ActionRisk>().Select(r => r.ToName())] };

    public static readonly PolicySetting AutoHeal = new("healing.auto_heal", "autoHeal", SettingKind.ChoiceSet,
        "Categories Anna may fix by itself when the policy allows it",
        o => Names(o.AutoHeal.Order().Select(c => c.ToName())),
        (o, v) => o with { AutoHeal = Categories(v) })
    { Choices = [.. ActionCategoryNames.All] };

    public static readonly PolicySetting NeverAutoHeal = new("healing.never_auto_heal", "neverAutoHeal", SettingKind.ChoiceSet,
        "Categories that always need approval, whatever the policy",
        o => Names(o.NeverAutoHeal.Order().Select(c => c.ToName())),
        (o, v) => o with { NeverAutoHeal = Categories(v) })
    { Choices = [.. ActionCategoryNames.All] };

    public static readonly PolicySetting ScanInterval = new("healing.scan_interval", "scanInterval", SettingKind.Whole,
        "Time between full scans; failed services are noticed at once from systemd's signals",
        o => (long)o.ScanIntervalSeconds, (o, v) => o with { ScanIntervalSeconds = Whole(v) })
    { Min = 5, Max = 86_400, Unit = "seconds" };

    public static readonly PolicySetting SettleSeconds = new("healing.settle_seconds", "settleSeconds", SettingKind.Number,
        "How long a restarted unit must stay active before the fix counts as a success",
        o => o.SettleSeconds, (o, v) => o with { SettleSeconds = (double)v })
    { Min = 0, Max = 300, Unit = "seconds" };

    public static readonly PolicySetting PreferredHours = new("healing.schedule.preferred_hours", "schedule.preferredHours", SettingKind.WholeList,
        "Hours when fixes that can wait may run",
        o => Numbers(o.Schedule.PreferredHours), (o, v) => o with { Schedule = o.Schedule with { PreferredHours = Ints(v) } })
    { Min = 0, Max = 23, Unit = "(hour of day)" };

    public static readonly PolicySetting AvoidHours = new("healing.schedule.avoid_hours", "schedule.avoidHours", SettingKind.WholeList,
        "Hours when fixes that can wait do not run",
        o => Numbers(o.Schedule.AvoidHours), (o, v) => o with { Schedule = o.Schedule with { AvoidHours = Ints(v) } })
    { Min = 0, Max = 23, Unit = "(hour of day)" };

    public static readonly PolicySetting PreferredDays = new("healing.schedule.preferred_days", "schedule.preferredDays", SettingKind.WholeList,
        "Days of the week when fixes that can wait may run",
        o => Numbers(o.Schedule.PreferredDays), (o, v) => o with { Schedule = o.Schedule with { PreferredDays = Ints(v) } })
    { Min = 0, Max = 6, Unit = "(0 = Sunday)" };

    public static readonly PolicySetting AvoidDays = new("healing.schedule.avoid_days", "schedule.avoidDays", SettingKind.WholeList,
        "Days of the week when fixes that can wait do not run",
        o => Numbers(o.Schedule.AvoidDays), (o, v) => o with { Schedule = o.Schedule with { AvoidDays = Ints(v) } })
    { Min = 0, Max = 6, Unit = "(0 = Sunday)" };

    public static readonly PolicySetting LearnSchedule = new("healing.schedule.learn", "schedule.learn", SettingKind.Flag,
        "Anna keeps the hours and days above current from how the machine is used, once a day",
        o => o.Schedule.Learn, (o, v) => o with { Schedule = o.Schedule with { Learn = (bool)v } });

    public static readonly PolicySetting HistorySize = new("healing.rollback.history_size", "rollback.historySize", SettingKind.Whole,
        "How many past actions keep what is needed to undo them",
        o => (long)o.Rollback.HistorySize, (o, v) => o with { Rollback = o.Rollback with { HistorySize = Whole(v) } })
    { Min = 1, Max = 1000 };

    public static readonly PolicySetting AutoRollbackOnFailure = new("healing.rollback.auto_rollback_on_failure", "rollback.autoRollbackOnFailure", SettingKind.Flag,
        "Undo an action automatically when it fails",
        o => o.Rollback.AutoRollbackOnFailure, (o, v) => o with { Rollback = o.Rollback with { AutoRollbackOnFailure = (bool)v } });

    public static readonly PolicySetting RollbackTimeout = new("healing.rollback.rollback_timeout", "rollback.rollbackTimeoutMinutes", SettingKind.Whole,
        "How long an action stays undoable",
        o => (long)o.Rollback.RollbackTimeoutMinutes, (o, v) => o with { Rollback = o.Rollback with { RollbackTimeoutMinutes = Whole(v) } })
    { Min = 1, Max = 10_080, Unit = "minutes" };

    public static readonly PolicySetting HistoryRetention = new("healing.history.retention_days", "history.retentionDays", SettingKind.Whole,
        "Actions older than this are deleted from the history, unless still in progress or undoable; 0 keeps them forever",
        o => (long)o.History.RetentionDays, (o, v) => o with { History = o.History with { RetentionDays = Whole(v) } })
    { Min = 0, Max = 36_500, Unit = "days" };

    public static readonly PolicySetting MaxFailures = new("healing.circuit_breaker.max_failures", "circuitBreaker.maxFailures", SettingKind.Whole,
        "Failed actions within the failure window before the breaker stops healing",
        o => (long)o.CircuitBreaker.MaxFailures, (o, v) => o with { CircuitBreaker = o.CircuitBreaker with { MaxFailures = Whole(v) } })
    { Min = 1, Max = 100 };

    public static readonly PolicySetting FailureWindow = new("healing.circuit_breaker.failure_window", "circuitBreaker.failureWindowMinutes", SettingKind.Whole,
        "The window failures are counted in; after it one trial fix is allowed",
        o => (long)o.CircuitBreaker.FailureWindowMinutes, (o, v) => o with { CircuitBreaker = o.CircuitBreaker with { FailureWindowMinutes = Whole(v) } })
    { Min = 1, Max = 10_080, Unit = "minutes" };

    public static readonly PolicySetting DiskWarning = Probe("probes.disk.warning_percent", "A filesystem is low on space when this much of it is used",
        o => o.Disk.WarningPercent, (o, v) => o with { Disk = o.Disk with { WarningPercent = v } });

    public static readonly PolicySetting DiskCritical = Probe("probes.disk.critical_percent", "A filesystem is critically low on space when this much of it is used",
        o => o.Disk.CriticalPercent, (o, v) => o with { Disk = o.Disk with { CriticalPercent = v } });

    public static readonly PolicySetting InodeWarning = Probe("probes.disk.inode_warning_percent", "A filesystem is low on inodes when this many of them are used",
        o => o.Disk.InodeWarningPercent, (o, v) => o with { Disk = o.Disk with { InodeWarningPercent = v } });

    public static readonly PolicySetting InodeCritical = Probe("probes.disk.inode_critical_percent", "A filesystem is critically low on inodes when this many of them are used",
        o => o.Disk.InodeCriticalPercent, (o, v) => o with { Disk = o.Disk with { InodeCriticalPercent = v } });

    public static readonly PolicySetting LogPaths = new("probes.logs.paths", "probes.logs.paths", SettingKind.TextList,
        "Directories whose log files are checked for size and age",
        o => Names(o.Probes.Logs.Paths),
        (o, v) => o with { Probes = o.Probes with { Logs = o.Probes.Logs with { Paths = [.. (IReadOnlyList<string>)v] } } })
    { MaxItems = 16, ItemProblem = SafePath.LogRootProblem, Editable = false }; // log roots are walked on every scan: a bound keeps a scan cheap

    public static readonly PolicySetting LogMaxFile = Logs("probes.logs.max_file_mb", "A log file over this size is rotated", 1, 100_000, "MB",
        l => l.MaxFileMegabytes, (l, v) => l with { MaxFileMegabytes = v });

    public static readonly PolicySetting LogMaxAge = Logs("probes.logs.max_age_days", "A log file not written for this long is reported (Anna does not delete it)", 1, 3650, "days",
        l => l.MaxAgeDays, (l, v) => l with { MaxAgeDays = v });

    public static readonly PolicySetting JournalMax = Logs("probes.logs.journal_max_mb", "The systemd journal may take at most this much", 1, 1_048_576, "MB",
        l => l.JournalMaxMegabytes, (l, v) => l with { JournalMaxMegabytes = v });

    public static readonly PolicySetting MemoryWarning = Memory("probes.memory.available_warning_percent", "Memory is low when less than this much of it is available",
        m => m.AvailableWarningPercent, (m, v) => m with { AvailableWarningPercent = v });

    public static readonly PolicySetting MemoryCritical = Memory("probes.memory.available_critical_percent", "Memory is critically low when less than this much of it is available",
        m => m.AvailableCriticalPercent, (m, v) => m with { AvailableCriticalPercent = v });

    public static readonly PolicySetting MemoryPressure = new("probes.memory.psi_some_avg10_warning", "probes.memory.psi_some_avg10_warning", SettingKind.Number,
        "Memory is under pressure when tasks stalled on it this share of the last 10 seconds",
        o => o.Probes.Memory.PsiSomeAvg10Warning,
        (o, v) => o with { Probes = o.Probes with { Memory = o.Probes.Memory with { PsiSomeAvg10Warning = (double)v } } })
    { Min = 0, Max = 100, Unit = "percent", Editable = false };

    public static readonly PolicySetting PackageCacheMax = new("probes.packages.cache_max_mb", "probes.packages.cache_max_mb", SettingKind.Whole,
        "The package cache may hold this much that a cleanup would free",
        o => (long)o.Probes.Packages.CacheMaxMegabytes,
        (o, v) => o with { Probes = o.Probes with { Packages = o.Probes.Packages with { CacheMaxMegabytes = Whole(v) } } })
    { Min = 1, Max = 1_048_576, Unit = "MB", Editable = false };

    public static readonly PolicySetting RestartsCritical = new("probes.services.restarts_critical_per_hour", "probes.services.restarts_critical_per_hour", SettingKind.Whole,
        "A service that systemd restarts this often in an hour is in trouble; the restart-rate forecast warns before it gets there",
        o => (long)o.Probes.Services.RestartsCriticalPerHour,
        (o, v) => o with { Probes = o.Probes with { Services = o.Probes.Services with { RestartsCriticalPerHour = Whole(v) } } })
    { Min = 1, Max = 1000, Unit = "restarts an hour", Editable = false };

    public static readonly PolicySetting DesktopSessions = new("notifications.desktop.sessions", "notifications.desktop.sessions", SettingKind.Flag,
        "annactl notify shows what a healing session did, once per session",
        o => o.Notifications.Desktop.Sessions, (o, v) => Desktop(o, d => d with { Sessions = (bool)v }))
    { Editable = false };

    public static readonly PolicySetting DesktopApprovals = new("notifications.desktop.approvals", "notifications.desktop.approvals", SettingKind.Flag,
        "annactl notify shows an action waiting for approval",
        o => o.Notifications.Desktop.Approvals, (o, v) => Desktop(o, d => d with { Approvals = (bool)v }))
    { Editable = false };

    public static readonly PolicySetting DesktopUrgency = new("notifications.desktop.urgency", "notifications.desktop.urgency", SettingKind.Choice,
        "How urgent the desktop should show them",
        o => o.Notifications.Desktop.Urgency, (o, v) => Desktop(o, d => d with { Urgency = (string)v }))
    { Choices = DesktopOptions.Urgencies, Editable = false };

    public static readonly PolicySetting WebhookUrls = new("notifications.webhook.urls", "notifications.webhook.urls", SettingKind.TextList,
        "Where Anna posts its events as signed JSON; none, no webhook",
        o => Names(o.Notifications.Webhook.Urls), (o, v) => Webhook(o, w => w with { Urls = [.. (IReadOnlyList<string>)v] }))
    { MaxItems = 8, ItemProblem = WebhookUrl.Problem, Editable = false };

    public static readonly PolicySetting WebhookEvents = new("notifications.webhook.events", "notifications.webhook.events", SettingKind.ChoiceSet,
        "Which events are posted",
        o => Names(o.Notifications.Webhook.Events), (o, v) => Webhook(o, w => w with { Events = [.. (IReadOnlyList<string>)v] }))
    { Choices = [.. Enum.GetValues<EngineEventKind>().Select(EnumNames<EngineEventKind>.ToName)], Editable = false };

    public static readonly PolicySetting WebhookSecretFile = new("notifications.webhook.secret_file", "notifications.webhook.secret_file", SettingKind.Text,
        "A file only root can read holding the HMAC-SHA256 key deliveries are signed with; empty, unsigned",
        o => o.Notifications.Webhook.SecretFile, (o, v) => Webhook(o, w => w with { SecretFile = (string)v }))
    { ItemProblem = SafePath.Problem, Editable = false };

    public static readonly PolicySetting WebhookMaxAttempts = new("notifications.webhook.max_attempts", "notifications.webhook.max_attempts", SettingKind.Whole,
        "Tries per delivery, with growing pauses, before it goes to the dead letters",
        o => (long)o.Notifications.Webhook.MaxAttempts, (o, v) => Webhook(o, w => w with { MaxAttempts = Whole(v) }))
    { Min = 1, Max = 20, Editable = false };

    public static readonly PolicySetting WebhookTimeout = new("notifications.webhook.timeout_seconds", "notifications.webhook.timeout_seconds", SettingKind.Whole,
        "How long one try may take",
        o => (long)o.Notifications.Webhook.TimeoutSeconds, (o, v) => Webhook(o, w => w with { TimeoutSeconds = Whole(v) }))
    { Min = 1, Max = 120, Unit = "seconds", Editable = false };

    public static readonly PolicySetting ProbeFastest = new("probes.rates.fastest_seconds", "probes.rates.fastest_seconds", SettingKind.Whole,
        "A probe watching an open problem runs up to four times as often as configured, but never more often than this",
        o => (long)o.Probes.Rates.FastestSeconds, (o, v) => o with { Probes = o.Probes with { Rates = o.Probes.Rates with { FastestSeconds = Whole(v) } } })
    { Min = 1, Max = 3600, Unit = "seconds", Editable = false };

    public static readonly PolicySetting ProbeSlowest = new("probes.rates.slowest_seconds", "probes.rates.slowest_seconds", SettingKind.Whole,
        "On a machine with no warning for a day, a probe runs half as often as configured, but never less often than this",
        o => (long)o.Probes.Rates.SlowestSeconds, (o, v) => o with { Probes = o.Probes with { Rates = o.Probes.Rates with { SlowestSeconds = Whole(v) } } })
    { Min = 10, Max = 86_400, Unit = "seconds", Editable = false };

    /// <summary>Every setting, in the order of the documented file.</summary>
    public static IReadOnlyList<PolicySetting> All { get; } =
    [
        Policy, MaxActionsPerSession, RequireApproval, AutoHeal, NeverAutoHeal, ScanInterval, SettleSeconds,
        PreferredHours, AvoidHours, PreferredDays, AvoidDays, LearnSchedule,
        HistorySize, AutoRollbackOnFailure, RollbackTimeout,
        HistoryRetention,
        MaxFailures, FailureWindow,
        DiskWarning, DiskCritical, InodeWarning, InodeCritical,
        LogPaths, LogMaxFile, LogMaxAge, JournalMax,
        MemoryWarning, MemoryCritical, MemoryPressure,
        PackageCacheMax,
        RestartsCritical,
        ProbeFastest, ProbeSlowest,
        DesktopSessions, DesktopApprovals, DesktopUrgency,
        WebhookUrls, WebhookEvents, WebhookSecretFile, WebhookMaxAttempts, WebhookTimeout,
    ];

    /// <summary>The settings the API and the dashboard may change.</summary>
    public static IReadOnlyList<PolicySetting> Editable { get; } = [.. All.Where(s => s.Editable)];

    /// <summary>The setting of a TOML key, or null.</summary>
    public static PolicySetting? ByKey(string key) => All.FirstOrDefault(s => s.Key == key);

    private static PolicySetting Probe(string key, string description, Func<ProbeOptions, int> get, Func<ProbeOptions, int, ProbeOptions> set) =>
        new(key, key, SettingKind.Whole, description,
            o => (long)get(o.Probes), (o, v) => o with { Probes = set(o.Probes, Whole(v)) })
        { Min = 1, Max = 100, Unit = "percent", Editable = false };

    private static PolicySetting Logs(string key, string description, double min, double max, string unit,
        Func<LogProbeOptions, int> get, Func<LogProbeOptions, int, LogProbeOptions> set) =>
        new(key, key, SettingKind.Whole, description,
            o => (long)get(o.Probes.Logs), (o, v) => o with { Probes = o.Probes with { Logs = set(o.Probes.Logs, Whole(v)) } })
        { Min = min, Max = max, Unit = unit, Editable = false };

    private static PolicySetting Memory(string key, string description,
        Func<MemoryProbeOptions, int> get, Func<MemoryProbeOptions, int, MemoryProbeOptions> set) =>
        new(key, key, SettingKind.Whole, description,
            o => (long)get(o.Probes.Memory), (o, v) => o with { Probes = o.Probes with { Memory = set(o.Probes.Memory, Whole(v)) } })
        { Min = 1, Max = 100, Unit = "percent", Editable = false };

    private static HealingOptions Desktop(HealingOptions o, Func<DesktopOptions, DesktopOptions> set) =>
        o with { Notifications = o.Notifications with { Desktop = set(o.Notifications.Desktop) } };

    private static HealingOptions Webhook(HealingOptions o, Func<WebhookOptions, WebhookOptions> set) =>
        o with { Notifications = o.Notifications with { Webhook = set(o.Notifications.Webhook) } };

    // Values reach Set only after the setting's checks, so these conversions cannot lose anything.
    private static int Whole(object value) => checked((int)(long)value);

    private static IReadOnlyList<int> Ints(object value) => [.. ((IReadOnlyList<long>)value).Select(v => checked((int)v))];

    private static IReadOnlyList<string> Names(IEnumerable<string> names) => [.. names];

    private static IReadOnlyList<long> Numbers(IEnumerable<int> numbers) => [.. numbers.Select(n => (long)n)];

    private static IReadOnlySet<ActionCategory> Categories(object value) =>
        Set((IReadOnlyList<string>)value, n => ActionCategoryNames.TryParse(n, out var c) ? c : default);

    private static IReadOnlySet<T> Set<T>(IReadOnlyList<string> names, Func<string, T> parse) => names.Select(parse).ToHashSet();
}
