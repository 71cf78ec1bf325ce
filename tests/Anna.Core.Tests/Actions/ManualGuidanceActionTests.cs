using Anna.Core.Vocabulary;
using Anna.Testing;
using Anna.Core.Actions;
using Anna.Core.Issues;
using Anna.Core.Risk;

namespace Anna.Core.Tests.Actions;

public sealed class ManualGuidanceActionTests
{
    private static Issue LowDisk(IssueSeverity severity) => new(IssueKind.LowDisk, "/var", severity, "full",
        new Dictionary<string, string> { ["free"] = "120 MB", ["inodes_used_percent"] = "12.0" },
        DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

    private readonly ManualGuidanceAction _action = new();

    [Fact]
    public void Is_for_critically_full_disks_only_and_never_runs_by_policy()
    {
        Assert.True(_action.CanHeal(LowDisk(IssueSeverity.Critical)));
        Assert.False(_action.CanHeal(LowDisk(IssueSeverity.Warning)));
        Assert.Equal((ActionRisk.Critical, ActionCategory.FilesystemModify), (_action.Risk, _action.Category));
    }

    [Fact]
    public async Task Execute_refuses_and_explains()
    {
        var result = await _action.ExecuteAsync(LowDisk(IssueSeverity.Critical), DetachedScope.Create(), CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.StartsWith("Anna never does this itself: ", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dry_run_gives_concrete_commands()
    {
        var result = await _action.DryRunAsync(LowDisk(IssueSeverity.Critical), CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.Contains("`du -xh /var | sort -h | tail`", result.Detail, StringComparison.Ordinal);
        Assert.Contains("move data off /var", result.Detail, StringComparison.Ordinal);
        Assert.Contains("extend the filesystem", result.Detail, StringComparison.Ordinal);
        Assert.Contains("120 MB free", _action.Describe(LowDisk(IssueSeverity.Critical)), StringComparison.Ordinal);
    }
}
