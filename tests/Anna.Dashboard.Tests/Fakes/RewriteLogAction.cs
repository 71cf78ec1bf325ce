using Anna.Core.Vocabulary;
using Anna.Core.Actions;
using Anna.Core.Issues;
using Anna.Core.Risk;
using Anna.Core.Rollback;

namespace Anna.Dashboard.Tests.Fakes;

/// <summary>
/// A log_size fix that really rewrites the file named by the issue's subject, the way Anna's own
/// file actions do: back the file up, record how to restore it, rewrite it, then note the hash it left.
/// </summary>
public sealed class RewriteLogAction : IHealingAction
{
    public const string Rewritten = "rotated by anna\n";

    /// <summary>Awaited after the rollback step is recorded and before the file changes: lets a test see the action mid-way.</summary>
    public Task Gate { get; set; } = Task.CompletedTask;

    public string Name => "rotate_logs";

    public ActionCategory Category => ActionCategory.LogRotation;

    public ActionRisk Risk => ActionRisk.Safe;

    public bool CanHeal(Issue issue) => issue.Kind == IssueKind.LogSize;

    public string Describe(Issue issue) => $"Rotate {issue.Subject}";

    public Task<ActionResult> DryRunAsync(Issue issue, CancellationToken cancellationToken) =>
        Task.FromResult(ActionResult.Ok($"would rewrite {issue.Subject} ({new FileInfo(issue.Subject).Length} bytes)"));

    public async Task<ActionResult> ExecuteAsync(Issue issue, ActionScope scope, CancellationToken cancellationToken)
    {
        var path = issue.Subject;
        var info = new FileInfo(path);
        var before = new FileState(path, true, TempFiles.Sha256(path), info.Length, 0, 0,
            (int)File.GetUnixFileMode(path), new DateTimeOffset(info.LastWriteTimeUtc).ToUnixTimeMilliseconds());
        var backups = scope.Storage.BackupDirectory(scope.JournalId);
        Directory.CreateDirectory(backups);
        var backup = Path.Combine(backups, Path.GetFileName(path));
        File.Copy(path, backup, overwrite: true);
        var step = new RestoreFileStep(before, backup);
        await scope.RecordAsync(step, cancellationToken);
        await Gate;
        await File.WriteAllTextAsync(path, Rewritten, cancellationToken);
        scope.Update(step, step with { AfterSha256 = TempFiles.Sha256(path) });
        return ActionResult.Ok($"rewrote {path}");
    }
}
