using Anna.Core.Vocabulary;
using Anna.Core.Linux;
using Anna.Core.Issues;
using Anna.Core.Linux.FileSystem;
using Anna.Core.Policy;
using Anna.Core.Probes;
using Anna.Core.Risk;
using Anna.Core.Rollback;
using Microsoft.Extensions.Logging;

namespace Anna.Core.Actions;

/// <summary>
/// Rotates the log files over max_file_mb under the issue's log path: each is compressed to
/// <c>name.1.gz</c> and emptied in place (<see cref="LogRotator"/>). Safe: nothing is deleted and
/// writers keep their files open. The files are found again by walking the path now — the issue's
/// evidence is never trusted as a list of things to touch — and each is re-validated before use.
/// Undoable: the log's content and every rotated copy the rotation shifts are kept before they
/// change (<see cref="RotationBackups"/>). Old files are only reported; removing them is left to
/// a person (or a later quarantine).
/// </summary>
public sealed class RotateLogsAction(IHealingConfig config, TimeProvider time, ILogger<RotateLogsAction>? logger = null) : IHealingAction
{
    public string Name => "rotate_logs";

    public ActionCategory Category => ActionCategory.LogRotation;

    public ActionRisk Risk => ActionRisk.Safe;

    public bool CanHeal(Issue issue) =>
        issue.Kind == IssueKind.LogSize
        && issue.Subject != LogsProbe.JournalSubject
        && config.Current.Probes.Logs.Paths.Contains(issue.Subject, StringComparer.Ordinal)
        && issue.Evidence.TryGetValue("oversized_count", out var count) && count != "0";

    public string Describe(Issue issue) =>
        $"Compress log files over {config.Current.Probes.Logs.MaxFileMegabytes} MB under {issue.Subject} to .1.gz and empty them in place";

    public Task<ActionResult> DryRunAsync(Issue issue, CancellationToken cancellationToken) =>
        Task.Run(() =>
        {
            if (Refusal(issue) is { } refusal)
                return ActionResult.Fail(refusal);
            var (roots, maxBytes, candidates) = Candidates(issue.Subject);
            var plans = candidates.Select(f => LogRotator.Plan(f.Path, roots, maxBytes)).ToList();
            var allowed = plans.Where(p => p.Allowed).ToList();
            if (allowed.Count == 0 && plans.Count == 0)
                return ActionResult.Ok($"Nothing to rotate: no file under {issue.Subject} is over {ByteSize.Format(maxBytes)} now");
            var lines = Report(allowed.Concat(plans.Where(p => !p.Allowed)).ToList(), p => p.Path, p => p.Allowed, "would be rotated", "left",
                p => p.Allowed ? $"would compress {p.Path} ({ByteSize.Format(p.Bytes)}) to {p.Target} and empty it" : $"would leave {p.Path}: {p.Refused}");
            return ActionResult.Ok(
                $"Would rotate {allowed.Count} file(s) under {issue.Subject}, freeing up to {ByteSize.Format(allowed.Sum(p => p.Bytes))} " +
                $"(less the size of the compressed copies): {string.Join("; ", lines)}");
        }, cancellationToken);

    public Task<ActionResult> ExecuteAsync(Issue issue, ActionScope scope, CancellationToken cancellationToken) =>
        Task.Run(async () =>
        {
            if (Refusal(issue) is { } refusal)
                return ActionResult.Fail(refusal);
            var (roots, maxBytes, candidates) = Candidates(issue.Subject);
            var outcomes = new List<RotationOutcome>();
            using var backups = new RotationBackups(scope);
            foreach (var file in candidates)
            {
                cancellationToken.ThrowIfCancellationRequested();
                try
                {
                    outcomes.Add(await LogRotator.RotateAsync(file.Path, roots, maxBytes, backups, cancellationToken));
                }
                finally
                {
                    backups.Seal();
                }
            }
            var done = outcomes.Where(o => o.Succeeded).ToList();
            var failed = outcomes.Where(o => !o.Succeeded).ToList();
            // The journal of Anna's service is for root and adm: the one place a hidden file's reason is told.
            foreach (var left in failed)
                logger?.LogWarning("Left {Path} unrotated: {Error}", left.Path, left.Error);
            var lines = Report(done.Concat(failed).ToList(), o => o.Path, o => o.Succeeded, "rotated", "left",
                o => o.Succeeded ? $"{o.Path} ({ByteSize.Format(o.OriginalBytes)}) → {o.Target} ({ByteSize.Format(o.CompressedBytes)})" : $"left {o.Path}: {o.Error}");
            var detail = $"Rotated {done.Count} of {outcomes.Count} file(s) under {issue.Subject}, freed {ByteSize.Format(done.Sum(o => o.FreedBytes))}" +
                (done.Count > 0 ? " (a compressed backup of each is kept for undo)" : "") +
                (outcomes.Count > 0 ? $": {string.Join("; ", lines)}" : "");
            return failed.Count == 0 ? ActionResult.Ok(detail) : ActionResult.Fail(detail);
        }, cancellationToken);

    /// <summary>Why the issue's subject is not a log path Anna may work in; null when it is.</summary>
    private string? Refusal(Issue issue)
    {
        if (issue.Kind != IssueKind.LogSize || issue.Subject == LogsProbe.JournalSubject)
            return $"{Name} handles log files under a configured log path, not {issue.Key}";
        if (SafePath.LogRootProblem(issue.Subject) is { } problem)
            return $"refused: {problem}";
        if (!config.Current.Probes.Logs.Paths.Contains(issue.Subject, StringComparer.Ordinal))
            return $"refused: {issue.Subject} is not one of the configured log paths ({string.Join(", ", config.Current.Probes.Logs.Paths)})";
        return null;
    }

    private (IReadOnlyList<string> Roots, long MaxBytes, IReadOnlyList<LogFile> Files) Candidates(string root)
    {
        var options = config.Current.Probes.Logs;
        var maxBytes = (long)options.MaxFileMegabytes << 20;
        var budget = LogWalker.DefaultMaxEntries;
        var scan = LogWalker.Walk(root, maxBytes, time.GetUtcNow().AddDays(-options.MaxAgeDays), ref budget);
        return (options.Paths, maxBytes, scan.Oversized);
    }

    /// <summary>
    /// One line per file others could list; files below a directory only root can list are counted
    /// under it instead — what is shown reaches every viewer, and a name or a reason there would name
    /// what only root may see (<see cref="PrivatePaths"/>).
    /// </summary>
    private static IEnumerable<string> Report<T>(IReadOnlyList<T> items, Func<T, string> path, Func<T, bool> succeeded,
        string doneWord, string leftWord, Func<T, string> line)
    {
        var hidden = new SortedDictionary<string, (int Done, int Left)>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (PrivatePaths.HiddenBelow(path(item)) is not { } directory)
            {
                yield return line(item);
                continue;
            }
            var (done, left) = hidden.GetValueOrDefault(directory);
            hidden[directory] = succeeded(item) ? (done + 1, left) : (done, left + 1);
        }
        foreach (var (directory, (done, left)) in hidden)
            yield return $"{directory.TrimEnd('/')}/…: {done} file(s) {doneWord}, {left} {leftWord} " +
                $"(names{(left > 0 ? " and reasons" : "")} hidden: only root can list {directory})";
    }
}
