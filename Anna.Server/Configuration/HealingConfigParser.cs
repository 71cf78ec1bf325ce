using Anna.Core.Actions;
using Anna.Core.Linux.FileSystem;
using Anna.Core.Policy;
using Anna.Core.Risk;
using Tomlyn.Parsing;
using Tomlyn.Syntax;
using static Anna.Server.Configuration.HealingConfigSchema;

namespace Anna.Server.Configuration;

/// <summary>
/// Turns the text of healing.toml into <see cref="HealingOptions"/> or the full list of what is
/// wrong with it. Works on Tomlyn's syntax tree rather than a deserializer so every error can
/// point at the exact value that caused it.
/// </summary>
public static class HealingConfigParser
{
    private static readonly string[] PolicyNames =
        [.. Enum.GetValues<HealingPolicy>().Select(p => p.ToString().ToLowerInvariant())];

    private static readonly string[] RiskNames = [.. Enum.GetValues<ActionRisk>().Select(r => r.ToName())];

    private static readonly string[] CategoryNames = [.. ActionCategoryNames.All];

    public static LoadResult Parse(string text, string fileName)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(fileName);

        // Syntax first: on a broken document the parser's error recovery invents keys and values,
        // and checking those would bury the real mistake under made-up ones.
        var syntax = SyntaxParser.Parse(text, fileName, false);
        if (syntax.HasErrors)
            return LoadResult.Failure(SyntaxErrors(syntax, fileName));

        // validate: true adds what is well-formed but still invalid TOML: duplicate keys, redefined tables.
        var document = SyntaxParser.Parse(text, fileName, true);
        var errors = new ConfigErrorCollector(fileName);
        var index = TomlDocumentIndex.Build(document, errors);
        foreach (var diagnostic in document.Diagnostics)
        {
            if (diagnostic.Kind == DiagnosticMessageKind.Error)
                errors.Add(diagnostic.Span, index.KeyOnLine(diagnostic.Span.Start.Line), diagnostic.Message);
        }

        var options = Read(new TomlOptionReader(index, errors));
        return errors.Count == 0 ? LoadResult.Success(options) : LoadResult.Failure(errors.ToSortedList());
    }

    /// <summary>
    /// The first syntax error of each line: the ones after it on the same line are usually the
    /// parser recovering from the first, not separate mistakes.
    /// </summary>
    private static IReadOnlyList<ConfigError> SyntaxErrors(DocumentSyntax document, string fileName)
    {
        var errors = new ConfigErrorCollector(fileName);
        var index = TomlDocumentIndex.Build(document, new ConfigErrorCollector(fileName));
        var lines = new HashSet<int>();
        foreach (var diagnostic in document.Diagnostics)
        {
            if (diagnostic.Kind == DiagnosticMessageKind.Error && lines.Add(diagnostic.Span.Start.Line))
                errors.Add(diagnostic.Span, index.KeyOnLine(diagnostic.Span.Start.Line), diagnostic.Message);
        }
        return errors.ToSortedList();
    }

    private static HealingOptions Read(TomlOptionReader toml)
    {
        var defaults = new HealingOptions();
        var options = new HealingOptions
        {
            Policy = toml.ReadChoice(Key(Healing, "policy"), PolicyNames, ParsePolicy, defaults.Policy),
            MaxActionsPerSession = toml.ReadInt(Key(Healing, "max_actions_per_session"), 1, 100, defaults.MaxActionsPerSession),
            RequireApproval = toml.ReadChoiceSet(Key(Healing, "require_approval"), RiskNames, ParseRisk, defaults.RequireApproval),
            AutoHeal = toml.ReadChoiceSet(Key(Healing, "auto_heal"), CategoryNames, ParseCategory, defaults.AutoHeal),
            NeverAutoHeal = toml.ReadChoiceSet(Key(Healing, "never_auto_heal"), CategoryNames, ParseCategory, defaults.NeverAutoHeal),
            ScanIntervalSeconds = toml.ReadInt(Key(Healing, "scan_interval"), 5, 86_400, defaults.ScanIntervalSeconds, "seconds"),
            SettleSeconds = toml.ReadNumber(Key(Healing, "settle_seconds"), 0, 300, defaults.SettleSeconds, "seconds"),
            Schedule = new ScheduleOptions
            {
                PreferredHours = toml.ReadIntList(Key(Schedule, "preferred_hours"), 0, 23, defaults.Schedule.PreferredHours, "(hour of day)"),
                AvoidHours = toml.ReadIntList(Key(Schedule, "avoid_hours"), 0, 23, defaults.Schedule.AvoidHours, "(hour of day)"),
                PreferredDays = toml.ReadIntList(Key(Schedule, "preferred_days"), 0, 6, defaults.Schedule.PreferredDays, "(0 = Sunday)"),
                AvoidDays = toml.ReadIntList(Key(Schedule, "avoid_days"), 0, 6, defaults.Schedule.AvoidDays, "(0 = Sunday)"),
            },
            Rollback = new RollbackOptions
            {
                HistorySize = toml.ReadInt(Key(Rollback, "history_size"), 1, 1000, defaults.Rollback.HistorySize),
                AutoRollbackOnFailure = toml.ReadBool(Key(Rollback, "auto_rollback_on_failure"), defaults.Rollback.AutoRollbackOnFailure),
                RollbackTimeoutMinutes = toml.ReadInt(Key(Rollback, "rollback_timeout"), 1, 10_080, defaults.Rollback.RollbackTimeoutMinutes, "minutes"),
            },
            CircuitBreaker = new CircuitBreakerOptions
            {
                MaxFailures = toml.ReadInt(Key(CircuitBreaker, "max_failures"), 1, 100, defaults.CircuitBreaker.MaxFailures),
                FailureWindowMinutes = toml.ReadInt(Key(CircuitBreaker, "failure_window"), 1, 10_080, defaults.CircuitBreaker.FailureWindowMinutes, "minutes"),
            },
            Probes = ReadProbes(toml, defaults.Probes),
        };

        CheckDisjoint(toml, Key(Healing, "auto_heal"), Key(Healing, "never_auto_heal"),
            options.AutoHeal.Select(c => c.ToName()), options.NeverAutoHeal.Select(c => c.ToName()), v => v);
        CheckDisjoint(toml, Key(Schedule, "preferred_hours"), Key(Schedule, "avoid_hours"),
            options.Schedule.PreferredHours, options.Schedule.AvoidHours, int.Parse);
        CheckDisjoint(toml, Key(Schedule, "preferred_days"), Key(Schedule, "avoid_days"),
            options.Schedule.PreferredDays, options.Schedule.AvoidDays, int.Parse);
        return options;
    }

    private static ProbeOptions ReadProbes(TomlOptionReader toml, ProbeOptions defaults)
    {
        var probes = new ProbeOptions
        {
            Disk = new DiskProbeOptions
            {
                WarningPercent = toml.ReadInt(Key(DiskProbe, "warning_percent"), 1, 100, defaults.Disk.WarningPercent, "percent"),
                CriticalPercent = toml.ReadInt(Key(DiskProbe, "critical_percent"), 1, 100, defaults.Disk.CriticalPercent, "percent"),
                InodeWarningPercent = toml.ReadInt(Key(DiskProbe, "inode_warning_percent"), 1, 100, defaults.Disk.InodeWarningPercent, "percent"),
                InodeCriticalPercent = toml.ReadInt(Key(DiskProbe, "inode_critical_percent"), 1, 100, defaults.Disk.InodeCriticalPercent, "percent"),
            },
            Logs = new LogProbeOptions
            {
                Paths = toml.ReadStringList(Key(LogsProbe, "paths"), MaxLogPaths, SafePath.LogRootProblem, defaults.Logs.Paths),
                MaxFileMegabytes = toml.ReadInt(Key(LogsProbe, "max_file_mb"), 1, 100_000, defaults.Logs.MaxFileMegabytes, "MB"),
                MaxAgeDays = toml.ReadInt(Key(LogsProbe, "max_age_days"), 1, 3650, defaults.Logs.MaxAgeDays, "days"),
                JournalMaxMegabytes = toml.ReadInt(Key(LogsProbe, "journal_max_mb"), 1, 1_048_576, defaults.Logs.JournalMaxMegabytes, "MB"),
            },
            Memory = new MemoryProbeOptions
            {
                AvailableWarningPercent = toml.ReadInt(Key(MemoryProbe, "available_warning_percent"), 1, 100, defaults.Memory.AvailableWarningPercent, "percent"),
                AvailableCriticalPercent = toml.ReadInt(Key(MemoryProbe, "available_critical_percent"), 1, 100, defaults.Memory.AvailableCriticalPercent, "percent"),
                PsiSomeAvg10Warning = toml.ReadNumber(Key(MemoryProbe, "psi_some_avg10_warning"), 0, 100, defaults.Memory.PsiSomeAvg10Warning, "percent"),
            },
        };
        CheckBelow(toml, Key(DiskProbe, "warning_percent"), probes.Disk.WarningPercent,
            Key(DiskProbe, "critical_percent"), probes.Disk.CriticalPercent);
        CheckBelow(toml, Key(DiskProbe, "inode_warning_percent"), probes.Disk.InodeWarningPercent,
            Key(DiskProbe, "inode_critical_percent"), probes.Disk.InodeCriticalPercent);
        // Less memory available is worse, so the critical level sits below the warning level.
        CheckBelow(toml, Key(MemoryProbe, "available_critical_percent"), probes.Memory.AvailableCriticalPercent,
            Key(MemoryProbe, "available_warning_percent"), probes.Memory.AvailableWarningPercent);
        return probes;
    }

    /// <summary>Log roots are walked on every scan; a bound keeps a scan cheap.</summary>
    private const int MaxLogPaths = 16;

    /// <summary>
    /// <paramref name="lowKey"/> must be strictly below <paramref name="highKey"/>, or one of the two
    /// levels could never be reached. The error points at a key written in the file, preferring the
    /// one written later, since that is usually the one just edited.
    /// </summary>
    private static void CheckBelow(TomlOptionReader toml, string lowKey, int low, string highKey, int high)
    {
        if (low < high || toml.IsInvalid(lowKey) || toml.IsInvalid(highKey))
            return;
        var candidates = new[] { lowKey, highKey }.Where(toml.IsSet)
            .Select(k => (Key: k, Node: toml.Find(k)!))
            .OrderBy(c => c.Node.Span.Start.Offset).ToList();
        if (candidates.Count == 0)
            return; // the defaults are ordered
        var (key, node) = candidates[^1];
        var other = key == lowKey ? highKey : lowKey;
        var otherIsDefault = toml.IsSet(other) ? "" : " (by default)";
        toml.Error(node, key, $"{lowKey} ({low}) must be below {highKey} ({high}){otherIsDefault}");
    }

    /// <summary>
    /// A value in both lists is a contradiction (never_auto_heal would silently win), so it is an
    /// error even when one of the lists is a default: the person should see the conflict.
    /// The error points at the item written in the file, preferring the second list.
    /// </summary>
    private static void CheckDisjoint<T>(TomlOptionReader toml, string firstKey, string secondKey,
        IEnumerable<T> first, IEnumerable<T> second, Func<string, T> fromText)
    {
        // A list that failed to read was replaced by its default; comparing that would blame the
        // person for a conflict they did not write.
        if (toml.IsInvalid(firstKey) || toml.IsInvalid(secondKey))
            return;
        var overlap = first.Intersect(second).ToHashSet();
        if (overlap.Count == 0)
            return;
        foreach (var (key, otherKey) in new[] { (secondKey, firstKey), (firstKey, secondKey) })
        {
            if (!toml.IsSet(key))
                continue;
            var otherIsDefault = toml.IsSet(otherKey) ? "" : " (by default)";
            foreach (var item in toml.ItemsOf(key))
            {
                var text = item switch
                {
                    StringValueSyntax s => s.Value,
                    IntegerValueSyntax i => i.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    _ => null,
                };
                if (text is not null && overlap.Remove(fromText(text)))
                    toml.Error(item, key, $"{text} is also in {otherKey}{otherIsDefault}; a value may be in only one of the two");
            }
        }
    }

    private static string Key(string table, string name) => $"{table}.{name}";

    private static HealingPolicy? ParsePolicy(string name) =>
        Enum.GetValues<HealingPolicy>().Select(p => (HealingPolicy?)p)
            .FirstOrDefault(p => p!.Value.ToString().ToLowerInvariant() == name);

    private static ActionRisk? ParseRisk(string name) => ActionRiskNames.TryParse(name, out var risk) ? risk : null;

    private static ActionCategory? ParseCategory(string name) =>
        ActionCategoryNames.TryParse(name, out var category) ? category : null;
}
