using System.Security.Cryptography;
using Anna.Core.Rollback;

namespace Anna.Server.Tests.Rollback;

/// <summary>
/// Undoes <see cref="RestoreFileStep"/> on real files by content alone (copy the backup back),
/// with drift from the file's real hash: enough to drive the undo API's drift refusal and force.
/// The host's own file undoer (owner, mode, times) is tested where it lives.
/// </summary>
internal sealed class FileContentUndoer : IStepUndoer
{
    public bool Handles(RollbackStep step) => step is RestoreFileStep;

    public async Task<bool> IsAppliedAsync(RollbackStep step, CancellationToken cancellationToken)
    {
        var file = (RestoreFileStep)step;
        return await Sha256Async(file.Before.Path, cancellationToken) == file.AfterSha256;
    }

    public async Task<IReadOnlyList<Drift>> DriftAsync(RollbackStep step, CancellationToken cancellationToken)
    {
        var file = (RestoreFileStep)step;
        var now = await Sha256Async(file.Before.Path, cancellationToken);
        return now == file.AfterSha256
            ? []
            : [new Drift(file.Before.Path, $"content changed since the action: sha256 {now ?? "(file is gone)"}, the action left {file.AfterSha256}", FileOnly: true)];
    }

    public async Task<StepOutcome> UndoAsync(RollbackStep step, bool force, CancellationToken cancellationToken)
    {
        var file = (RestoreFileStep)step;
        await using (var backup = File.OpenRead(file.BackupPath!))
        await using (var target = File.Create(file.Before.Path))
            await backup.CopyToAsync(target, cancellationToken);
        return new StepOutcome(step.Describe(), true, "content restored from the backup");
    }

    public Task ReleaseAsync(RollbackStep step, CancellationToken cancellationToken)
    {
        File.Delete(((RestoreFileStep)step).BackupPath!);
        return Task.CompletedTask;
    }

    public static async Task<string?> Sha256Async(string path, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path))
            return null;
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }
}
