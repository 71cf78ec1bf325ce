using Anna.Core.Vocabulary;
using Anna.Core.Actions;
using Anna.Core.Issues;
using Anna.Core.Risk;
using Anna.Core.Rollback;

namespace Anna.IntegrationTests.Rollback;

/// <summary>
/// A "safe deletion" of a fixed list of files through the real quarantine, like a cache or log
/// cleanup would do it; the dry run is the quarantine's own plan.
/// </summary>
internal sealed class QuarantineFilesAction(RollbackStorage storage, IReadOnlyList<string> files) : IHealingAction
{
    public const string Kind = "test_files";

    public string Name => "quarantine_test_files";

    public ActionCategory Category => ActionCategory.CacheCleanup;

    public ActionRisk Risk => ActionRisk.Safe;

    public bool CanHeal(Issue issue) => issue.Kind == Kind;

    public string Describe(Issue issue) => $"Move {files.Count} file(s) under {issue.Subject} into quarantine";

    public Task<ActionResult> DryRunAsync(Issue issue, CancellationToken cancellationToken)
    {
        var plan = Quarantine.Plan(storage, 0, files);
        return Task.FromResult(ActionResult.Ok($"would move {plan.Files.Count} file(s) ({plan.TotalBytes} bytes): " +
            string.Join(", ", plan.Files.Select(f => f.OriginalPath)) + (plan.Refused.Count > 0 ? "; would leave " + string.Join("; ", plan.Refused) : "")));
    }

    public async Task<ActionResult> ExecuteAsync(Issue issue, ActionScope scope, CancellationToken cancellationToken)
    {
        var result = await Quarantine.MoveAsync(scope, files, cancellationToken);
        var detail = $"moved {result.Moved.Count} file(s) ({result.MovedBytes} bytes), {result.Copied} copied" +
            (result.Left.Count > 0 ? "; left " + string.Join("; ", result.Left) : "");
        return result.Left.Count == 0 ? ActionResult.Ok(detail) : ActionResult.Fail(detail);
    }

    public static Issue IssueFor(string subject) =>
        new(Kind, subject, IssueSeverity.Warning, $"files to clean under {subject}", new Dictionary<string, string>(), DateTimeOffset.UtcNow, DateTimeOffset.UtcNow);
}
