using Anna.Core.Linux;
using System.Globalization;
using System.Text.Json;
using Anna.Core.Issues;
using Anna.Core.Linux.FileSystem;
using Anna.Core.Linux.Journal;
using Anna.Core.Policy;

namespace Anna.Core.Probes;

/// <summary>
/// Raises <see cref="IssueKind.LogSize"/>: one issue with subject <see cref="JournalSubject"/> when
/// journald takes more than journal_max_mb, and one per configured log path that holds files over
/// max_file_mb or not written for max_age_days. The walk is bounded (<see cref="LogWalker"/>).
/// </summary>
public sealed class LogsProbe(IHealingConfig config, JournalControl journal, TimeProvider time) : IProbe
{
    public const string JournalSubject = "journald";

    /// <summary>Files listed in an issue's evidence; the counts and totals always cover all of them.</summary>
    public const int MaxListedFiles = 50;

    public string Name => "logs";

    public IReadOnlyList<string> Kinds { get; } = [IssueKind.LogSize];

    /// <summary>Why the last scan could not look at the journal; null when it could.</summary>
    public string? JournalSkipped { get; private set; }

    public async Task<IReadOnlyList<Issue>> ScanAsync(CancellationToken cancellationToken)
    {
        var options = config.Current.Probes.Logs;
        var now = time.GetUtcNow();
        var issues = new List<Issue>();

        var usage = await journal.DiskUsageAsync(cancellationToken);
        JournalSkipped = usage.Unavailable;
        if (usage.Bytes is { } bytes && JournalIssue(bytes, options, now) is { } journalIssue)
            issues.Add(journalIssue);

        var budget = LogWalker.DefaultMaxEntries;
        var maxBytes = (long)options.MaxFileMegabytes << 20;
        var olderThan = now.AddDays(-options.MaxAgeDays);
        foreach (var root in options.Paths)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var scan = await Task.Run(() => LogWalker.Walk(root, maxBytes, olderThan, ref budget), cancellationToken);
            if (FilesIssue(scan, options, usage, now) is { } issue)
                issues.Add(issue);
        }
        return issues;
    }

    public static Issue? JournalIssue(long bytes, LogProbeOptions options, DateTimeOffset now)
    {
        var limit = (long)options.JournalMaxMegabytes << 20;
        if (bytes <= limit)
            return null;
        var evidence = new Dictionary<string, string>
        {
            ["journal_bytes"] = Invariant(bytes),
            ["journal"] = ByteSize.Format(bytes),
            ["journal_max_bytes"] = Invariant(limit),
            ["reclaimable_bytes"] = Invariant(bytes - limit),
        };
        return new Issue(IssueKind.LogSize, JournalSubject, IssueSeverity.Warning,
            $"The systemd journal takes {ByteSize.Format(bytes)}, more than the {ByteSize.Format(limit)} allowed", evidence, now, now);
    }

    public static Issue? FilesIssue(LogScan scan, LogProbeOptions options, JournalUsage journal, DateTimeOffset now)
    {
        if (scan.Oversized.Count == 0 && scan.Old.Count == 0)
            return null;
        var oversizedBytes = scan.Oversized.Sum(f => f.Bytes);
        var oldBytes = scan.Old.Sum(f => f.Bytes);
        var evidence = new Dictionary<string, string>
        {
            ["root"] = scan.Root,
            ["oversized_files"] = FileList(scan.Oversized),
            ["oversized_count"] = Invariant(scan.Oversized.Count),
            ["oversized_bytes"] = Invariant(oversizedBytes),
            ["old_files"] = FileList(scan.Old),
            ["old_count"] = Invariant(scan.Old.Count),
            ["old_bytes"] = Invariant(oldBytes),
            ["reclaimable_bytes"] = Invariant(oversizedBytes + oldBytes),
            ["reclaimable"] = ByteSize.Format(oversizedBytes + oldBytes),
            ["max_file_mb"] = Invariant(options.MaxFileMegabytes),
            ["max_age_days"] = Invariant(options.MaxAgeDays),
            ["entries_scanned"] = Invariant(scan.EntriesSeen),
            ["journal"] = journal.Unavailable is { } why ? $"skipped: {why}" : ByteSize.Format(journal.Bytes ?? 0),
        };
        if (scan.Truncated)
            evidence["walk_truncated"] = $"stopped after {LogWalker.DefaultMaxEntries} entries; lists are partial";
        var parts = new List<string>();
        if (scan.Oversized.Count > 0)
            parts.Add($"{scan.Oversized.Count} file(s) over {options.MaxFileMegabytes} MB ({ByteSize.Format(oversizedBytes)})");
        if (scan.Old.Count > 0)
            parts.Add($"{scan.Old.Count} file(s) older than {options.MaxAgeDays} days ({ByteSize.Format(oldBytes)})");
        // Only oversized files are something Anna rotates; old files are reported for a person.
        var severity = scan.Oversized.Count > 0 ? IssueSeverity.Warning : IssueSeverity.Info;
        return new Issue(IssueKind.LogSize, scan.Root, severity, $"{scan.Root}: {string.Join("; ", parts)}", evidence, now, now);
    }

    /// <summary>Largest first, as JSON: [{"path":…,"bytes":…,"modified":…}].</summary>
    private static string FileList(IReadOnlyList<LogFile> files) =>
        JsonSerializer.Serialize(files.OrderByDescending(f => f.Bytes).Take(MaxListedFiles)
            .Select(f => new Dictionary<string, object>
            {
                ["path"] = PrivatePaths.Shown(f.Path),
                ["bytes"] = f.Bytes,
                ["modified"] = f.ModifiedAt.ToString("O", CultureInfo.InvariantCulture),
            }));

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
