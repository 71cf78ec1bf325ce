using Anna.Core.Rollback;

namespace Anna.Dashboard.Tests.Fakes;

/// <summary>
/// Undoes <see cref="RestoreFileStep"/> on real files: the backup goes back in place. A file whose
/// content is no longer what the action left has drifted (file-only, so force may override it).
/// </summary>
public sealed class TempFileUndoer : IStepUndoer
{
    public bool Handles(RollbackStep step) => step is RestoreFileStep;

    public Task<bool> IsAppliedAsync(RollbackStep step, CancellationToken cancellationToken)
    {
        var s = (RestoreFileStep)step;
        return Task.FromResult(File.Exists(s.Before.Path) && TempFiles.Sha256(s.Before.Path) == s.AfterSha256);
    }

    public Task<IReadOnlyList<Drift>> DriftAsync(RollbackStep step, CancellationToken cancellationToken)
    {
        var s = (RestoreFileStep)step;
        var now = File.Exists(s.Before.Path) ? TempFiles.Sha256(s.Before.Path) : null;
        IReadOnlyList<Drift> drifts = s.AfterSha256 is { } after && now != after
            ? [new Drift(s.Before.Path, $"sha256 was {after} after the action, is {now ?? "missing"} now", FileOnly: true)]
            : [];
        return Task.FromResult(drifts);
    }

    public Task<StepOutcome> UndoAsync(RollbackStep step, bool force, CancellationToken cancellationToken)
    {
        var s = (RestoreFileStep)step;
        File.Copy(s.BackupPath!, s.Before.Path, overwrite: true);
        return Task.FromResult(new StepOutcome(step.Describe(), true, $"restored sha256 {TempFiles.Sha256(s.Before.Path)}"));
    }

    public Task ReleaseAsync(RollbackStep step, CancellationToken cancellationToken)
    {
        File.Delete(((RestoreFileStep)step).BackupPath!);
        return Task.CompletedTask;
    }
}
