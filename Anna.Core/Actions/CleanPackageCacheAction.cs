using Anna.Core.Vocabulary;
using Anna.Core.Linux;
using System.Diagnostics;
using System.Globalization;
using Anna.Core.Issues;
using Anna.Core.Linux.Packages;
using Anna.Core.Risk;
using Anna.Core.Rollback;

namespace Anna.Core.Actions;

/// <summary>
/// Empties the package cache — exactly the files the package manager's own clean would remove —
/// by moving them into quarantine instead of deleting them. Safe: everything in it can be
/// downloaded again, and until rollback_timeout an undo puts every file back. The space is
/// given back when the quarantine is purged (at once if the disk turns critical).
/// </summary>
/// <param name="storage">Where the quarantine is; lets the dry run say where the files would go.</param>
public sealed class CleanPackageCacheAction(IPackageManager packages, RollbackStorage? storage = null) : IHealingAction
{
    private const int FilesListed = 50;

    public string Name => "clean_package_cache";

    public ActionCategory Category => ActionCategory.CacheCleanup;

    public ActionRisk Risk => ActionRisk.Safe;

    public bool CanHeal(Issue issue) => issue.Kind == IssueKind.PackageCache;

    public string Describe(Issue issue) =>
        issue.Evidence.TryGetValue("reclaimable_bytes", out var text) && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var bytes)
            ? $"Free {ByteSize.Format(bytes)} of package cache in {issue.Subject}"
            : $"Clean the package cache in {issue.Subject}";

    public async Task<ActionResult> DryRunAsync(Issue issue, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var files = await packages.ListCleanableCacheFilesAsync(cancellationToken);
        var plan = storage is null ? null : await Task.Run(() => Quarantine.Plan(storage, 0, Paths(files)), cancellationToken);
        var moving = plan is null ? files : files.Where(f => plan.Seen.ContainsKey(f.Path)).ToList();
        var bytes = moving.Sum(f => f.Bytes);
        var where = plan is null || plan.Files.Count == 0 ? "quarantine" : $"quarantine ({string.Join(", ", plan.Roots)})";
        var listing = Listing($"{moving.Count} file(s) would move from the cache into {where}:", moving, plan?.Refused ?? []);
        var change = new PackageChange(true, true, [], bytes, listing, clock.Elapsed);
        return PackageChangeReport.ToResult(
            $"would free {ByteSize.Format(bytes)} from the package cache, moving {moving.Count} file(s) into quarantine (undoable until rollback_timeout purges them)", change);
    }

    public async Task<ActionResult> ExecuteAsync(Issue issue, ActionScope scope, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var usage = await packages.CacheUsageAsync(cancellationToken);
        if (usage.ReclaimableBytes == 0 && usage.ReclaimableFiles.Count == 0)
            return ActionResult.Fail($"nothing changed: the package cache in {usage.Directory} is already empty");
        if (await PackagePreflight.BlockerAsync(packages, minimumFreeBytes: 0, cancellationToken) is { } blocker)
            return ActionResult.Fail($"nothing changed: {blocker}");

        var files = await packages.ListCleanableCacheFilesAsync(cancellationToken);
        var moved = await Quarantine.MoveAsync(scope, Paths(files), cancellationToken);
        var sizes = files.ToDictionary(f => f.Path, f => f.Bytes, StringComparer.Ordinal);
        var where = moved.Step is null ? "quarantine" : $"quarantine ({string.Join(", ", moved.Moved.Select(QuarantineLayout.JournalDirectoryOf).Distinct())})";
        var listing = Listing($"{moved.Moved.Count} file(s) moved from the cache into {where}" +
                (moved.Copied > 0 ? $", {moved.Copied} of them copied across filesystems" : "") + ":",
            moved.Moved.Select(f => new CacheFile(f.OriginalPath, sizes.GetValueOrDefault(f.OriginalPath, f.Size))).ToList(), moved.Left);

        // The package manager's own measure decides whether the cache is clean, not our list.
        var left = await packages.CacheUsageAsync(cancellationToken);
        var change = new PackageChange(false, left.ReclaimableBytes == 0, [], moved.MovedBytes, listing, clock.Elapsed);
        if (left.ReclaimableBytes > 0)
            return ActionResult.Fail(PackageChangeReport.Format(
                $"moved {ByteSize.Format(moved.MovedBytes)} into quarantine, but {ByteSize.Format(left.ReclaimableBytes)} is still in {left.Directory}", change));
        return PackageChangeReport.ToResult(
            $"freed {ByteSize.Format(moved.MovedBytes)} from the package cache: the files are in quarantine, pending purge " +
            "(undo puts them back until rollback_timeout; the disk space returns when they are purged)", change);
    }

    private static List<string> Paths(IReadOnlyList<CacheFile> files) => files.Select(f => f.Path).ToList();

    private static string Listing(string header, IReadOnlyList<CacheFile> files, IReadOnlyList<QuarantineRefusal> left)
    {
        var lines = new List<string> { header };
        lines.AddRange(files.Take(FilesListed).Select(f => $"{f.Path} ({f.Bytes.ToString(CultureInfo.InvariantCulture)} bytes)"));
        if (files.Count > FilesListed)
            lines.Add($"… and {files.Count - FilesListed} more");
        if (left.Count > 0)
        {
            lines.Add($"{left.Count} file(s) left in place:");
            lines.AddRange(left.Take(FilesListed).Select(l => l.ToString()));
        }
        return string.Join('\n', lines);
    }
}
