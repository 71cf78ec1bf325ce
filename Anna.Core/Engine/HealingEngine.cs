using System.Collections.Concurrent;
using System.Diagnostics;
using Anna.Core.Actions;
using Anna.Core.Events;
using Anna.Core.History;
using Anna.Core.Issues;
using Anna.Core.Policy;
using Anna.Core.Probes;
using Microsoft.Extensions.Logging;

namespace Anna.Core.Engine;

/// <summary>
/// The one place that turns issues into decisions and decisions into actions (DESIGN §3).
/// Doors — the worker, the API, the dashboard — report issues here and read health from here.
/// An issue is healed by at most one action at a time; executions run off the caller's thread
/// so one unit's settle period never delays noticing another unit's failure.
/// </summary>
public sealed class HealingEngine(
    IssueBoard board,
    ActionCatalog catalog,
    IHealingConfig config,
    IHistoryStore history,
    EngineEventFeed events,
    WatchStatus watching,
    TimeProvider time,
    ILogger<HealingEngine> logger)
{
    private readonly ConcurrentDictionary<string, Task> _inFlight = new(StringComparer.Ordinal);

    public HealthReport Health() => new(board.State, board.Open, watching.Snapshot, time.GetUtcNow());

    /// <summary>Takes note of an issue seen now: records it, decides, and starts the fix if policy allows.</summary>
    public async Task ObserveAsync(Issue issue, CancellationToken cancellationToken)
    {
        var action = catalog.Recommend(issue);
        var decision = action is null ? null : PolicyEvaluator.Decide(config.Current, action.Category, action.Risk);
        var view = new IssueView(issue, action?.Name, action?.Describe(issue), action?.Category.ToName(), action?.Risk, decision);
        var isNew = board.Upsert(view, out var stored);
        await history.RecordIssueAsync(stored.Issue, cancellationToken);
        if (isNew)
        {
            logger.LogInformation("Issue {Key}: {Summary}", issue.Key, issue.Summary);
            events.Publish(new EngineEvent(EngineEventKind.IssueDetected, time.GetUtcNow(), issue.Summary, stored.Issue));
        }
        if (action is null || decision is null)
            return;
        if (decision.Kind == DecisionKind.Execute)
            StartExecution(stored, action, decision);
        else if (isNew)
            await RecordProposalAsync(stored, action, decision, cancellationToken);
    }

    /// <summary>Applies a full scan: observes what the probe found and resolves its kinds that it no longer sees.</summary>
    public async Task ApplyScanAsync(IProbe probe, IReadOnlyList<Issue> found, CancellationToken cancellationToken)
    {
        foreach (var issue in found)
            await ObserveAsync(issue, cancellationToken);
        var seen = found.Select(i => i.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var kind in probe.Kinds)
        {
            foreach (var open in board.OfKind(kind).Where(v => !seen.Contains(v.Issue.Key)))
                await ResolveAsync(open.Issue.Key, $"{probe.Name} no longer sees it", cancellationToken);
        }
    }

    /// <summary>Closes an open issue (the subject is fine again). Does nothing when it is not open.</summary>
    public async Task ResolveAsync(string key, string why, CancellationToken cancellationToken)
    {
        if (!board.Remove(key, out var removed) || removed is null)
            return;
        var now = time.GetUtcNow();
        await history.ResolveIssueAsync(key, now, cancellationToken);
        logger.LogInformation("Issue {Key} resolved: {Why}", key, why);
        events.Publish(new EngineEvent(EngineEventKind.IssueResolved, now, $"{removed.Issue.Subject}: {why}", removed.Issue));
    }

    /// <summary>Completes when no action is running (for orderly shutdown, tests and benchmarks).</summary>
    public Task WhenIdleAsync() => Task.WhenAll(_inFlight.Values);

    private void StartExecution(IssueView view, IHealingAction action, Decision decision)
    {
        var key = view.Issue.Key;
        var gate = new TaskCompletionSource();
        if (!_inFlight.TryAdd(key, gate.Task))
            return; // already being healed; the running action will report the outcome
        _ = Task.Run(async () =>
        {
            try
            {
                await ExecuteAsync(view, action, decision);
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Healing {Key} with {Action} crashed", key, action.Name);
            }
            finally
            {
                _inFlight.TryRemove(key, out _);
                gate.SetResult();
            }
        });
    }

    private async Task ExecuteAsync(IssueView view, IHealingAction action, Decision decision)
    {
        var issue = view.Issue;
        var startedAt = time.GetUtcNow();
        var clock = Stopwatch.StartNew();
        events.Publish(new EngineEvent(EngineEventKind.ActionStarted, startedAt, action.Describe(issue), issue));
        ActionResult result;
        try
        {
            result = await action.ExecuteAsync(issue, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            result = ActionResult.Fail($"{ex.GetType().Name}: {ex.Message}");
        }
        var entry = NewEntry(issue, action, decision, result.Succeeded ? ActionOutcome.Success : ActionOutcome.Failed, startedAt) with
        {
            FinishedAt = time.GetUtcNow(),
            DurationMs = clock.ElapsedMilliseconds,
            Detail = result.Detail,
        };
        entry = entry with { Id = await history.AppendAsync(entry, CancellationToken.None) };
        logger.LogInformation("{Action} on {Subject}: {Outcome} — {Detail}", action.Name, issue.Subject, entry.Outcome, result.Detail);
        var kind = result.Succeeded ? EngineEventKind.ActionSucceeded : EngineEventKind.ActionFailed;
        events.Publish(new EngineEvent(kind, entry.FinishedAt!.Value, $"{action.Describe(issue)}: {result.Detail}", issue, entry));
        if (result.Succeeded)
            await ResolveAsync(issue.Key, $"healed by {action.Name}", CancellationToken.None);
    }

    private async Task RecordProposalAsync(IssueView view, IHealingAction action, Decision decision, CancellationToken cancellationToken)
    {
        var outcome = decision.Kind == DecisionKind.NeedsApproval ? ActionOutcome.AwaitingApproval : ActionOutcome.Suggested;
        var now = time.GetUtcNow();
        var entry = NewEntry(view.Issue, action, decision, outcome, now) with { FinishedAt = now, Detail = action.Describe(view.Issue) };
        entry = entry with { Id = await history.AppendAsync(entry, cancellationToken) };
        events.Publish(new EngineEvent(EngineEventKind.ActionSuggested, now, $"{action.Describe(view.Issue)} — {decision.Reason}", view.Issue, entry));
    }

    private HistoryEntry NewEntry(Issue issue, IHealingAction action, Decision decision, ActionOutcome outcome, DateTimeOffset startedAt) => new()
    {
        IssueKind = issue.Kind,
        Subject = issue.Subject,
        Action = action.Name,
        Category = action.Category,
        Risk = action.Risk,
        Policy = config.Current.Policy,
        Decision = decision.Kind,
        Consent = decision.Consent,
        Reason = decision.Reason,
        Outcome = outcome,
        StartedAt = startedAt,
    };
}
