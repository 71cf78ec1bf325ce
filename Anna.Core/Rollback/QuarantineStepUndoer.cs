using Anna.Core.Linux;
using System.Globalization;
using Anna.Core.Linux.FileSystem;

namespace Anna.Core.Rollback;

/// <summary>
/// Undoes <see cref="RestoreQuarantinedStep"/>: moves each file back from quarantine with its
/// owner, mode and modification time. Tolerant of a move cut off half-way (files never moved are
/// left where they are and said so); never destroys a file that appeared at an original path
/// since — without force it refuses, with force it keeps that file aside as
/// <c>name.anna-replaced</c> and says so.
/// </summary>
public sealed class QuarantineStepUndoer : IStepUndoer
{
    /// <summary>Suffix of a file that reappeared at an original path and was kept aside by a forced undo.</summary>
    public const string ReplacedSuffix = ".anna-replaced";

    private const int NamesShown = 10;

    public bool Handles(RollbackStep step) => step is RestoreQuarantinedStep;

    public Task<bool> IsAppliedAsync(RollbackStep step, CancellationToken cancellationToken) =>
        Task.Run(() => Files(step).All(f => UnixStat.TryGet(f.QuarantinePath) is { Type: UnixFileType.Regular } && UnixStat.TryGet(f.OriginalPath) is null),
            cancellationToken);

    public Task<IReadOnlyList<Drift>> DriftAsync(RollbackStep step, CancellationToken cancellationToken) =>
        Task.Run<IReadOnlyList<Drift>>(() => Files(step).Select(DriftOf).OfType<Drift>().ToList(), cancellationToken);

    private static Drift? DriftOf(QuarantinedFile file)
    {
        var kept = UnixStat.TryGet(file.QuarantinePath);
        var there = UnixStat.TryGet(file.OriginalPath);
        if (kept is null)
            return there is null ? new Drift(file.OriginalPath, $"its quarantined copy {file.QuarantinePath} is missing", FileOnly: true) : null;
        if (!Matches(kept, file))
            return new Drift(file.QuarantinePath, $"the quarantined copy of {file.OriginalPath} changed: {Describe(kept)}, recorded {Describe(file)}", FileOnly: true);
        if (there is null || IsSameFile(file, there))
            return null;
        return new Drift(file.OriginalPath,
            $"a file exists again at {file.OriginalPath} ({Describe(there)}); the quarantined one is {Describe(file)}; undo would replace it", FileOnly: true);
    }

    public Task<StepOutcome> UndoAsync(RollbackStep step, bool force, CancellationToken cancellationToken) =>
        Task.Run(() =>
        {
            var files = Files(step);
            var restored = new List<QuarantinedFile>();
            var neverMoved = new List<string>();
            var keptAside = new List<string>();
            var failed = new List<string>();
            foreach (var file in files)
            {
                try
                {
                    var result = UndoOne(file, force, out var note);
                    switch (result)
                    {
                        case FileUndo.Restored:
                            restored.Add(file);
                            break;
                        case FileUndo.NeverMoved:
                            neverMoved.Add(file.OriginalPath);
                            break;
                        case FileUndo.Failed:
                            failed.Add(note!);
                            continue;
                    }
                    if (note is not null)
                        keptAside.Add(note);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    failed.Add($"{file.OriginalPath}: {e.Message}");
                }
            }
            QuarantineDirectories.PruneEmpty(files);

            var detail = $"moved {restored.Count} file(s) ({ByteSize.Format(restored.Sum(f => f.Size))}) back from quarantine";
            if (neverMoved.Count > 0)
                detail += $"; {neverMoved.Count} were already at their place (never moved, or the same file is back) and were left: {Names(neverMoved)}";
            if (keptAside.Count > 0)
                detail += $"; kept aside (not destroyed): {Names(keptAside)}";
            if (failed.Count > 0)
                detail += $"; not restored: {Names(failed)}";
            return new StepOutcome(step.Describe(), failed.Count == 0, detail);
        }, cancellationToken);

    /// <summary>Deletes the quarantined files and their directories: undo is impossible afterwards.</summary>
    public Task ReleaseAsync(RollbackStep step, CancellationToken cancellationToken) =>
        Task.Run(() =>
        {
            var files = Files(step);
            foreach (var file in files)
            {
                // Only what is in the quarantine is deleted, and never through a link.
                if (QuarantineLayout.JournalDirectoryOf(file) is null)
                    continue;
                foreach (var path in new[] { file.QuarantinePath, file.QuarantinePath + FileMove.PartialSuffix })
                {
                    if (UnixStat.TryGet(path) is { Type: not UnixFileType.Directory })
                        File.Delete(path);
                }
            }
            QuarantineDirectories.PruneEmpty(files);
        }, cancellationToken);

    private enum FileUndo
    {
        Restored,
        NeverMoved,
        Failed,
    }

    /// <param name="note">For <see cref="FileUndo.Failed"/> the reason; otherwise where a reappeared file was kept, if one was.</param>
    private static FileUndo UndoOne(QuarantinedFile file, bool force, out string? note)
    {
        note = null;
        var partial = file.QuarantinePath + FileMove.PartialSuffix;
        if (QuarantineLayout.JournalDirectoryOf(file) is not null && UnixStat.TryGet(partial) is { Type: UnixFileType.Regular })
            File.Delete(partial); // a copy into quarantine cut off by a crash; the original was never deleted
        var kept = UnixStat.TryGet(file.QuarantinePath);
        var there = UnixStat.TryGet(file.OriginalPath);
        if (kept is null)
        {
            if (there is not null)
                return FileUndo.NeverMoved;
            note = $"{file.OriginalPath}: its quarantined copy {file.QuarantinePath} is missing";
            return FileUndo.Failed;
        }
        if (kept.Type != UnixFileType.Regular)
        {
            note = $"{file.OriginalPath}: {file.QuarantinePath} is not a regular file";
            return FileUndo.Failed;
        }
        if (there is not null)
        {
            if (IsSameFile(file, there))
            {
                // The same content is back at its place (a copy cut off after it was complete, or
                // the same file put back): the quarantined duplicate goes, the file stays.
                File.Delete(file.QuarantinePath);
                return FileUndo.NeverMoved;
            }
            if (!force)
            {
                note = $"{file.OriginalPath} exists again ({Describe(there)}); not replaced (a forced undo keeps it aside as {file.OriginalPath}{ReplacedSuffix})";
                return FileUndo.Failed;
            }
            var aside = KeepAside(file.OriginalPath);
            note = $"{file.OriginalPath} ({Describe(there)}) → {aside}";
        }

        Directory.CreateDirectory(Path.GetDirectoryName(file.OriginalPath)!);
        if (FileMove.Move(file.QuarantinePath, file.OriginalPath) == FileMoveResult.TargetExists)
        {
            note = $"{file.OriginalPath}: something was put there while undo ran; the quarantined file stays at {file.QuarantinePath}";
            return FileUndo.Failed;
        }
        RestoreAttributes(file);
        return FileUndo.Restored;
    }

    /// <summary>Moves whatever is at <paramref name="path"/> to the first free <c>path.anna-replaced[.N]</c> next to it.</summary>
    private static string KeepAside(string path)
    {
        for (var n = 0; n < 1000; n++)
        {
            var aside = n == 0 ? path + ReplacedSuffix : string.Create(CultureInfo.InvariantCulture, $"{path}{ReplacedSuffix}.{n}");
            if (UnixRename.NoReplace(path, aside) == RenameOutcome.Renamed)
                return aside;
        }
        throw new IOException($"no free {ReplacedSuffix} name next to {path}; nothing was replaced");
    }

    /// <summary>
    /// Owner, mode and modification time as recorded. A rename keeps them exactly (to the
    /// nanosecond); they are only set where they differ, so a restored mtime never loses the
    /// precision the record (milliseconds) does not have.
    /// </summary>
    private static void RestoreAttributes(QuarantinedFile file)
    {
        var now = UnixStat.TryGet(file.OriginalPath) ?? throw new IOException($"{file.OriginalPath} vanished as it was restored");
        var sameTime = now.ModifiedAt.ToUnixTimeMilliseconds() == file.ModifiedUnixMs;
        if (now.Uid == (uint)file.Uid && now.Gid == (uint)file.Gid && now.Mode == (UnixFileMode)file.Mode && sameTime)
            return;
        UnixAttributes.Apply(file.OriginalPath, (uint)file.Uid, (uint)file.Gid, (UnixFileMode)file.Mode,
            sameTime ? null : DateTimeOffset.FromUnixTimeMilliseconds(file.ModifiedUnixMs).UtcDateTime);
    }

    private static bool Matches(UnixStat stat, QuarantinedFile file) =>
        stat.Type == UnixFileType.Regular && stat.Size == file.Size && stat.ModifiedAt.ToUnixTimeMilliseconds() == file.ModifiedUnixMs;

    /// <summary>The file at the original path is the quarantined one's twin: same size, mtime and content.</summary>
    private static bool IsSameFile(QuarantinedFile file, UnixStat there) =>
        Matches(there, file) && FileCompare.SameContent(file.OriginalPath, file.QuarantinePath);

    private static string Describe(UnixStat stat) =>
        stat.Type == UnixFileType.Regular
            ? $"{stat.Size.ToString(CultureInfo.InvariantCulture)} bytes, modified {stat.ModifiedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss.fff}Z"
            : $"a {stat.Type.ToString().ToLowerInvariant()}";

    private static string Describe(QuarantinedFile file) =>
        $"{file.Size.ToString(CultureInfo.InvariantCulture)} bytes, modified {DateTimeOffset.FromUnixTimeMilliseconds(file.ModifiedUnixMs).UtcDateTime:yyyy-MM-dd HH:mm:ss.fff}Z";

    private static string Names(IReadOnlyList<string> names) =>
        string.Join(", ", names.Take(NamesShown)) + (names.Count > NamesShown ? $" and {names.Count - NamesShown} more" : "");

    private static IReadOnlyList<QuarantinedFile> Files(RollbackStep step) =>
        step as RestoreQuarantinedStep is { } quarantined
            ? quarantined.Files
            : throw new ArgumentException($"not a quarantine step: {step.GetType().Name}", nameof(step));
}
