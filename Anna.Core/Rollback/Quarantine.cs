using Anna.Core.Linux.FileSystem;

namespace Anna.Core.Rollback;

/// <summary>
/// "Deletes" files by moving them into quarantine, where undo can find them until rollback_timeout
/// purges them. Every file is checked first (an absolute plain path to a regular file, not a
/// symlink, not Anna's own); then ONE <see cref="RestoreQuarantinedStep"/> listing them all is
/// recorded before the first move, so a crash half-way leaves a list recovery can check file by
/// file. Files move by rename on their own filesystem (no bytes copied); a copy is made only when
/// the kernel says the rename would cross filesystems.
/// </summary>
public static class Quarantine
{
    /// <summary>Checks the files and says where each would go; changes nothing (the dry run).</summary>
    public static QuarantinePlan Plan(RollbackStorage storage, long journalId, IReadOnlyList<string> paths, string mountInfoPath = MountInfo.DefaultPath)
    {
        var mounts = MountInfo.Parse(File.ReadAllText(mountInfoPath));
        var locator = new QuarantineLocator(storage, mounts);
        var files = new List<QuarantinedFile>();
        var refused = new List<QuarantineRefusal>();
        var seen = new Dictionary<string, UnixStat>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            var (stat, problem) = Check(path, storage, seen);
            if (problem is not null)
            {
                refused.Add(new QuarantineRefusal(path, problem));
                continue;
            }
            if (locator.RootFor(path, stat!) is not { } root)
            {
                refused.Add(new QuarantineRefusal(path, "the root of its filesystem cannot be found, so there is no quarantine on it"));
                continue;
            }
            seen[path] = stat!;
            files.Add(new QuarantinedFile(path, QuarantineLayout.PathFor(root, journalId, path), stat!.Size,
                (int)stat.Uid, (int)stat.Gid, (int)stat.Mode, stat.ModifiedAt.ToUnixTimeMilliseconds()));
        }
        return new QuarantinePlan(files, refused, seen);
    }

    /// <summary>
    /// Quarantines the files under the scope's journal id. Files that cannot be moved stay where
    /// they are and are reported; the step recorded in the scope ends up listing exactly the
    /// files that were moved.
    /// </summary>
    public static async Task<QuarantineResult> MoveAsync(ActionScope scope, IReadOnlyList<string> paths, CancellationToken cancellationToken)
    {
        var plan = Plan(scope.Storage, scope.JournalId, paths);
        var left = plan.Refused.ToList();
        var directories = new QuarantineDirectories();
        var ready = new List<QuarantinedFile>();
        foreach (var file in plan.Files)
        {
            var root = QuarantineLayout.RootOf(file)!;
            if (directories.Prepare(root, Path.GetDirectoryName(file.QuarantinePath)!) is { } problem)
                left.Add(new QuarantineRefusal(file.OriginalPath, problem));
            else
                ready.Add(file);
        }
        if (ready.Count == 0)
            return new QuarantineResult(null, [], left, 0);

        var step = new RestoreQuarantinedStep(ready);
        await scope.RecordAsync(step, cancellationToken).ConfigureAwait(false);

        var moved = new List<QuarantinedFile>(ready.Count);
        var copied = 0;
        var half = Math.Max(1, ready.Count / 2);
        for (var i = 0; i < ready.Count; i++)
        {
            var file = ready[i];
            if (cancellationToken.IsCancellationRequested)
            {
                // Not thrown: the step must still be narrowed to what was moved.
                left.AddRange(ready.Skip(i).Select(f => new QuarantineRefusal(f.OriginalPath, "not moved: the action was cancelled")));
                break;
            }
            var (result, problem) = MoveOne(file, plan.Seen[file.OriginalPath]);
            if (problem is not null)
                left.Add(new QuarantineRefusal(file.OriginalPath, problem));
            else
                moved.Add(file);
            if (result == FileMoveResult.Copied)
                copied++;
            if (i + 1 == half)
                await scope.CheckpointAsync(FaultPoint.HalfDone, cancellationToken).ConfigureAwait(false);
        }

        var final = moved.Count == ready.Count ? step : new RestoreQuarantinedStep(moved);
        if (!ReferenceEquals(final, step))
            scope.Update(step, final);
        return new QuarantineResult(final, moved, left, copied);
    }

    /// <summary>Why <paramref name="path"/> may not be quarantined (null when it may), with what it is now.</summary>
    private static (UnixStat? Stat, string? Problem) Check(string path, RollbackStorage storage, IReadOnlyDictionary<string, UnixStat> seen)
    {
        if (SafePath.Problem(path) is { } problem)
            return (null, problem);
        if (path == "/")
            return (null, "\"/\" is not a file");
        if (seen.ContainsKey(path))
            return (null, "listed twice");
        if (SafePath.IsUnder(path, storage.DataDirectory))
            return (null, $"it is inside Anna's data directory {storage.DataDirectory}");
        if (path.Split('/').Contains(RollbackStorage.ForeignQuarantineName, StringComparer.Ordinal))
            return (null, "it is already in quarantine");
        UnixStat? stat;
        try
        {
            stat = UnixStat.TryGet(path);
        }
        catch (IOException e)
        {
            return (null, e.Message);
        }
        return stat switch
        {
            null => (null, "it does not exist (any more)"),
            { Type: UnixFileType.Symlink } => (null, "it is a symbolic link; only regular files are quarantined"),
            { Type: not UnixFileType.Regular } => (null, "it is not a regular file"),
            _ => (stat, null),
        };
    }

    private static (FileMoveResult? Result, string? Problem) MoveOne(QuarantinedFile file, UnixStat checkedStat)
    {
        try
        {
            var now = UnixStat.TryGet(file.OriginalPath);
            if (now is null)
                return (null, "it vanished before it was moved");
            // The file moved must be the file checked and recorded: not another one put in its
            // place, and not one still being written (its size or mtime would have changed).
            if (now.Type != UnixFileType.Regular || !now.SameFileAs(checkedStat))
                return (null, "it was replaced after it was checked; left alone");
            if (now.Size != file.Size || now.ModifiedAt != checkedStat.ModifiedAt)
                return (null, "it changed after it was checked (still being written?); left alone");
            var result = FileMove.Move(file.OriginalPath, file.QuarantinePath);
            return result == FileMoveResult.TargetExists
                ? (result, $"the quarantine already holds {file.QuarantinePath}; left alone")
                : (result, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, e.Message);
        }
    }
}
