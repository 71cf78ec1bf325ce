using Anna.Core.Actions;
using Anna.Core.Issues;
using Anna.Core.Linux.Packages;
using Anna.Core.Rollback;
using Anna.Core.Tests.Fakes;
using Anna.Testing;

namespace Anna.Core.Tests.Actions;

public sealed class CleanPackageCacheActionTests : IDisposable
{
    private readonly DirectoryInfo _cache = Directory.CreateTempSubdirectory("anna-fake-cache-");
    private readonly FakePackageManager _packages = new();
    private readonly ActionScope _scope = DetachedScope.Create(journalId: 9);

    public void Dispose()
    {
        _cache.Delete(recursive: true);
        DetachedScope.Delete(_scope);
    }

    private static Issue CacheIssue() => new(IssueKind.PackageCache, "/cache", IssueSeverity.Warning, "", new Dictionary<string, string>(), DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

    private List<CacheFile> Files(params int[] sizes) =>
        sizes.Select((size, i) =>
        {
            var path = Path.Combine(_cache.FullName, $"p{i}.deb");
            File.WriteAllBytes(path, new byte[size]);
            return new CacheFile(path, size);
        }).ToList();

    [Fact]
    public async Task The_dry_run_lists_each_file_with_its_bytes_and_where_it_would_go_and_changes_nothing()
    {
        var files = Files(100, 250);
        _packages.Cleanable = files;

        var dry = await new CleanPackageCacheAction(_packages, _scope.Storage).DryRunAsync(CacheIssue(), CancellationToken.None);

        Assert.True(dry.Succeeded, dry.Detail);
        Assert.Contains("bytes_freed: 350 ", dry.Detail);
        Assert.Contains($"{files[0].Path} (100 bytes)", dry.Detail);
        Assert.Contains($"{files[1].Path} (250 bytes)", dry.Detail);
        Assert.Contains(_scope.Storage.QuarantineDirectory, dry.Detail);
        Assert.All(files, f => Assert.True(File.Exists(f.Path)));
        Assert.False(Directory.Exists(_scope.Storage.DataDirectory));
        Assert.Empty(_packages.Calls);
    }

    [Fact]
    public async Task A_cache_the_package_manager_still_finds_full_afterwards_is_a_failure_with_the_moves_recorded_for_rollback()
    {
        var files = Files(10, 20);
        _packages.Cleanable = files;
        // The package manager's own measure is what counts, and here it still sees 30 bytes.
        _packages.Cache = new CacheUsage(_cache.FullName, 30, 30, files.Select(f => f.Path).ToList());

        var result = await new CleanPackageCacheAction(_packages).ExecuteAsync(CacheIssue(), _scope, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Contains("is still in", result.Detail);
        var step = Assert.IsType<RestoreQuarantinedStep>(Assert.Single(_scope.Snapshot.Steps));
        Assert.Equal(files.Select(f => f.Path), step.Files.Select(f => f.OriginalPath));
        Assert.All(step.Files, f => Assert.True(File.Exists(f.QuarantinePath)));
    }
}
