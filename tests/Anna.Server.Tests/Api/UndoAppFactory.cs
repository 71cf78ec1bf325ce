using Anna.Testing;
using Anna.Core.Vocabulary;
using Anna.Core.History;
using Anna.Core.Rollback;
using Anna.Server.Tests.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Anna.Server.Tests.Api;

/// <summary>
/// Anna without systemd, with real files it can undo (undone by the host's own <see cref="FileStepUndoer"/>) and a way
/// to put actions straight into its journal — as the executor would have written them.
/// </summary>
public sealed class UndoAppFactory : NoSystemdAppFactory
{
    private readonly DirectoryInfo _files = ListableTempDirectory.Create("anna-undo-files-");

    public IActionJournal Journal => Services.GetRequiredService<IActionJournal>();

    public IHistoryStore History => Services.GetRequiredService<IHistoryStore>();

    /// <summary>An action that is still running (Anna died, or is in the middle of it): it recorded one step.</summary>
    public async Task<long> RunningAsync(string unit)
    {
        var id = await Journal.BeginAsync(JournalSamples.Intent(unit, DateTimeOffset.UtcNow), JournalSamples.FailedUnit(unit), CancellationToken.None);
        await Journal.RecordStepsAsync(id, [new StopServiceStep(unit)], CancellationToken.None);
        return id;
    }

    /// <summary>A finished action with these steps and this undo state.</summary>
    public async Task<long> FinishedAsync(string subject, IReadOnlyList<RollbackStep> steps, UndoState state, DateTimeOffset? until, string? note = null)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var id = await Journal.BeginAsync(JournalSamples.Intent(subject, startedAt), JournalSamples.FailedUnit(subject), CancellationToken.None);
        await Journal.RecordStepsAsync(id, steps, CancellationToken.None);
        var entry = JournalSamples.Intent(subject, startedAt) with { Id = id, Outcome = ActionOutcome.Success, FinishedAt = startedAt.AddMilliseconds(5), DurationMs = 5 };
        await Journal.FinishAsync(id, entry, new RollbackSnapshot(steps), state, until, note, CancellationToken.None);
        return id;
    }

    /// <summary>
    /// A real file an action rewrote from "before" to "after", with its backup: undoable for an hour.
    /// Returns the history id and the file's path.
    /// </summary>
    public async Task<(long Id, string Path)> RewroteFileAsync(string name)
    {
        var path = System.IO.Path.Combine(_files.FullName, name);
        var backup = path + ".backup";
        await File.WriteAllTextAsync(backup, $"{name} before");
        await File.WriteAllTextAsync(path, $"{name} after");
        var before = new FileState(path, true, Sha256(backup), new FileInfo(backup).Length, 0, 0, 0b110_100_100, 0);
        var step = new RestoreFileStep(before, backup, Sha256(path));
        var id = await FinishedAsync(path, [step], UndoState.Undoable, DateTimeOffset.UtcNow.AddHours(1));
        return (id, path);
    }

    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return ContentHash.Of(stream);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _files.Delete(recursive: true);
    }
}
