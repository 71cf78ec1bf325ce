using Anna.Testing;
using System.Security.Cryptography;
using Anna.Core.Actions;
using Anna.Core.Linux.Packages.Apt;
using Anna.Core.Probes;
using Anna.Core.Rollback;
using Anna.IntegrationTests.Packages.Pacman;

namespace Anna.IntegrationTests.Rollback;

/// <summary>
/// Cache cleanup through the real adapters, pointed at a cache of their own the way the adapter
/// tests point them (apt: Dir::Cache and the archives directory; pacman: a private root), quarantined
/// through the executor and undone. No package is installed and no dpkg database is touched.
/// </summary>
public sealed class PackageCacheQuarantineTests : IDisposable
{
    private readonly RollbackRig _rig = new RollbackRig(_ => [new QuarantineStepUndoer()]);
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("anna-cache-");
    private readonly CancellationToken _ct = CancellationToken.None;

    public void Dispose()
    {
        _root.Delete(recursive: true);
        _rig.Dispose();
    }

    [Fact]
    public async Task The_apt_cache_is_moved_into_quarantine_exactly_as_apt_get_clean_would_empty_it_and_comes_back_on_undo()
    {
        var cache = Path.Combine(_root.FullName, "cache");
        var archives = Path.Combine(cache, "archives");
        Directory.CreateDirectory(Path.Combine(archives, "partial"));
        var apt = new AptPackageManager(new AptOptions
        {
            ExtraOptions = [$"Dir::Cache={cache}"],
            ArchivesDirectory = archives,
            RebootRequiredPath = Path.Combine(_root.FullName, "reboot-required"),
            LockFiles = [Path.Combine(archives, DebCache.LockFileName)],
        });
        var lockFile = Write(Path.Combine(archives, DebCache.LockFileName), 0);
        string[] cleaned =
        [
            Write(Path.Combine(archives, "anna-a_1.0_all.deb"), 200_000),
            Write(Path.Combine(archives, "anna-b_2.0_amd64.deb"), 120_000),
            Write(Path.Combine(archives, "partial", "anna-c_3.0_all.deb"), 40_000),
        ];
        File.CreateSymbolicLink(Path.Combine(archives, "link.deb"), cleaned[0]);
        Directory.CreateDirectory(Path.Combine(archives, "not-apts"));
        var kept = Write(Path.Combine(archives, "not-apts", "file"), 10);
        var bytes = cleaned.Sum(f => new FileInfo(f).Length);
        var hashes = cleaned.ToDictionary(f => f, Hash);

        Assert.Equal(cleaned, (await apt.ListCleanableCacheFilesAsync(_ct)).Select(f => f.Path));
        Assert.Equal(bytes, (await apt.ListCleanableCacheFilesAsync(_ct)).Sum(f => f.Bytes));
        var issue = Assert.Single(await new PackageCacheProbe(apt, TimeProvider.System, thresholdBytes: 1).ScanAsync(_ct));
        var action = new CleanPackageCacheAction(apt, _rig.Storage);

        var dry = await action.DryRunAsync(issue, _ct);

        Assert.True(dry.Succeeded, dry.Detail);
        Assert.Contains($"bytes_freed: {bytes} ", dry.Detail);
        Assert.All(cleaned, f => Assert.Contains($"{f} ({new FileInfo(f).Length} bytes)", dry.Detail));
        Assert.Contains($"quarantine ({_rig.Storage.QuarantineDirectory})", dry.Detail);
        Assert.DoesNotContain(lockFile, dry.Detail);
        Assert.All(cleaned, f => Assert.True(File.Exists(f)));
        Assert.False(Directory.Exists(_rig.Storage.QuarantineDirectory));

        var (entry, result) = await _rig.ExecuteAsync(action, issue);

        Assert.True(result.Succeeded, result.Detail);
        Assert.Contains($"bytes_freed: {bytes} ", result.Detail);
        Assert.Contains("pending purge", result.Detail);
        Assert.All(cleaned, f => Assert.False(File.Exists(f)));
        Assert.True(File.Exists(lockFile));
        Assert.True(File.Exists(kept));
        Assert.Equal(0, (await apt.CacheUsageAsync(_ct)).ReclaimableBytes);
        var step = Assert.IsType<RestoreQuarantinedStep>(Assert.Single((await _rig.RecordAsync(entry.Id)).Snapshot.Steps));
        Assert.Equal(cleaned, step.Files.Select(f => f.OriginalPath));
        var pending = Assert.Single(await _rig.Usage.MeasureAsync(_ct));
        Assert.Equal(3, pending.Files);
        Assert.Equal([entry.Id], pending.Actions);
        Assert.True(pending.Bytes >= bytes, $"{pending.Bytes} bytes pending purge");

        var undo = await _rig.Undo.UndoAsync(entry.Id, "test", force: false, _ct);

        Assert.Equal(UndoStatus.Undone, undo.Status);
        Assert.Equal(hashes, cleaned.ToDictionary(f => f, Hash));
        Assert.Equal(bytes, (await apt.CacheUsageAsync(_ct)).ReclaimableBytes);
    }

    [Fact]
    public async Task Pacman_keeps_its_newest_versions_and_the_older_ones_go_to_quarantine_and_come_back()
    {
        using var sandbox = new PacmanSandbox();
        var versions = new[] { "1.0-1", "1.0-2", "1.1-1", "1.2-1", "2.0-1" }
            .ToDictionary(v => v, v => Copy(sandbox.Build(new TestPackage("hello", v)), sandbox.CacheDir));
        var signature = Write(versions["1.0-1"] + ".sig", 300);
        string[] old = [versions["1.0-1"], signature, versions["1.0-2"]];
        var hashes = old.ToDictionary(f => f, Hash);
        var issue = Assert.Single(await new PackageCacheProbe(sandbox.Manager, TimeProvider.System, thresholdBytes: 1).ScanAsync(_ct));

        Assert.Equal(old, (await sandbox.Manager.ListCleanableCacheFilesAsync(_ct)).Select(f => f.Path));
        var (entry, result) = await _rig.ExecuteAsync(new CleanPackageCacheAction(sandbox.Manager, _rig.Storage), issue);

        Assert.True(result.Succeeded, result.Detail);
        Assert.Equal(versions.Values.Except(old).Order(), Directory.GetFiles(sandbox.CacheDir).Order());
        Assert.Empty((await sandbox.Manager.CacheUsageAsync(_ct)).ReclaimableFiles);

        var undo = await _rig.Undo.UndoAsync(entry.Id, "test", force: false, _ct);

        Assert.Equal(UndoStatus.Undone, undo.Status);
        Assert.Equal(hashes, old.ToDictionary(f => f, Hash));
        Assert.Equal(old, (await sandbox.Manager.CacheUsageAsync(_ct)).ReclaimableFiles);
    }

    private static string Write(string path, int bytes)
    {
        File.WriteAllBytes(path, RandomNumberGenerator.GetBytes(bytes));
        return path;
    }

    private static string Copy(string file, string directory)
    {
        var target = Path.Combine(directory, Path.GetFileName(file));
        File.Copy(file, target);
        return target;
    }

    private static string Hash(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
}
