using Anna.Core.Vocabulary;
using Anna.Core.Actions;
using Anna.Core.Issues;
using Anna.Core.Risk;
using Anna.Core.Rollback;

namespace Anna.Dashboard.Tests.Fakes;

/// <summary>A safe package_cache fix that changes nothing; counts its runs.</summary>
public sealed class FakeCacheCleanAction : IHealingAction
{
    private int _runs;

    public int Runs => Volatile.Read(ref _runs);

    public string Name => "clean_package_cache";

    public ActionCategory Category => ActionCategory.CacheCleanup;

    public ActionRisk Risk => ActionRisk.Safe;

    public bool CanHeal(Issue issue) => issue.Kind == IssueKind.PackageCache;

    public string Describe(Issue issue) => $"Clean the package cache in {issue.Subject}";

    public Task<ActionResult> DryRunAsync(Issue issue, CancellationToken cancellationToken) =>
        Task.FromResult(ActionResult.Ok($"would delete {issue.Evidence.GetValueOrDefault("file_count", "?")} files"));

    public Task<ActionResult> ExecuteAsync(Issue issue, ActionScope scope, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _runs);
        return Task.FromResult(ActionResult.Ok("cache cleaned"));
    }
}
