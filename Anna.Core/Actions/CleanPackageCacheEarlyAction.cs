using System.Globalization;
using Anna.Core.Issues;
using Anna.Core.Linux;
using Anna.Core.Prediction;
using Anna.Core.Risk;
using Anna.Core.Rollback;
using Anna.Core.Vocabulary;

namespace Anna.Core.Actions;

/// <summary>
/// The preventive plan for a filesystem forecast to fill: the package cache cleanup the catalog
/// runs for a full cache, run on the forecast instead, when the cache lives on that filesystem and
/// holds something to free (the forecast probe's evidence says so). It is the same cleanup —
/// files into quarantine, undoable until rollback_timeout, space back when the quarantine is purged —
/// so it is judged, journaled and undone as that one is; only its time comes from the forecast
/// (<see cref="PreventionSchedule"/>).
/// </summary>
public sealed class CleanPackageCacheEarlyAction(CleanPackageCacheAction clean) : IHealingAction
{
    public string Name => "clean_package_cache_early";

    public ActionCategory Category => clean.Category;

    public ActionRisk Risk => clean.Risk;

    public bool CanHeal(Issue issue) =>
        issue.Kind == IssueKind.PredictedDiskFull && CacheIssue(issue) is not null;

    public string Describe(Issue issue) =>
        CacheIssue(issue) is { } cache
            ? $"{clean.Describe(cache)} before {PreventionSchedule.What(issue)}"
            : $"Nothing to free early on {issue.Subject}";

    public Task<ActionResult> DryRunAsync(Issue issue, CancellationToken cancellationToken) =>
        CacheIssue(issue) is { } cache
            ? clean.DryRunAsync(cache, cancellationToken)
            : Task.FromResult(ActionResult.Fail($"{Name}: no package cache to free on {issue.Subject}"));

    public Task<ActionResult> ExecuteAsync(Issue issue, ActionScope scope, CancellationToken cancellationToken) =>
        CacheIssue(issue) is { } cache
            ? clean.ExecuteAsync(cache, scope, cancellationToken)
            : Task.FromResult(ActionResult.Fail($"nothing changed: no package cache to free on {issue.Subject}"));

    /// <summary>The package cache issue the forecast stands for: the cache directory and what it would free.</summary>
    private static Issue? CacheIssue(Issue forecast)
    {
        if (!forecast.Evidence.TryGetValue("cache_dir", out var directory) || !Path.IsPathFullyQualified(directory)
            || !forecast.Evidence.TryGetValue("reclaimable_bytes", out var text)
            || !long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var bytes) || bytes <= 0)
            return null;
        var evidence = new Dictionary<string, string>
        {
            ["cache_dir"] = directory,
            ["reclaimable_bytes"] = text,
            ["prevents"] = forecast.Key,
        };
        return new Issue(IssueKind.PackageCache, directory, forecast.Severity,
            $"{ByteSize.Format(bytes)} of package cache to free before {PreventionSchedule.What(forecast)}", evidence, forecast.FirstSeen, forecast.LastSeen);
    }
}
