using Anna.Core.Vocabulary;
using Anna.Core.Linux;
using Anna.Core.Issues;
using Anna.Core.Linux.FileSystem;
using Anna.Core.Policy;
using Anna.Core.Probes;
using Anna.Core.Risk;
using Anna.Core.Rollback;

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
public sealed class RotateLogsAction(IHealingConfig config, TimeProvider time) : IHealingAction
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
            var lines = allowed.Select(p => $"would compress {p.Path} ({ByteSize.Format(p.Bytes)}) to {p.Target} and empty it")
                .Concat(plans.Where(p => !p.Allowed).Select(p => $"would leave {p.Path}: {p.Refused}"));
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
            var lines = done.Select(o => $"{o.Path} ({ByteSize.Format(o.OriginalBytes)}) → {o.Target} ({ByteSize.Format(o.CompressedBytes)})")
                .Concat(failed.Select(o => $"left {o.Path}: {o.Error}"));
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
}
