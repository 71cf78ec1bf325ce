using Anna.Core.Vocabulary;
using Anna.Core.Actions;
using Anna.Core.Approvals;
using Anna.Core.Events;
using Anna.Core.History;
using Anna.Core.Issues;
using Anna.Core.Policy;
using Anna.Core.Probes;
using Anna.Core.Sessions;
using Microsoft.Extensions.Logging;

namespace Anna.Core.Engine;

/// <summary>
/// The one place that turns issues into decisions and decisions into actions (DESIGN §3).
/// Doors — the worker, the API, the dashboard — report issues here within a session and read
/// health from here.
/// </summary>
public sealed class HealingEngine(
    IssueBoard board,
    ActionCatalog catalog,
    IHealingConfig config,
    IHistoryStore history,
    ISessionStore sessions,
    EngineEventFeed events,
    WatchStatus watching,
    DecisionMaker decisions,
    ActionRunner runner,
    ApprovalQueue approvals,
    TimeProvider time,
    ILogger<HealingEngine> logger) : IDisposable
{
    // Failed automatic heals per issue since its last success: how long the next try waits.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _failures = new(StringComparer.Ordinal);
    // Issues that closed and opened again while their heal was still finishing (a unit killed again
    // right after it came back): that heal's success must not close the new occurrence.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _reopened = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();

    public HealthReport Health() => new(board.State, board.Open, watching.Snapshot, time.GetUtcNow());

    public IssueBoard Board => board;

    public ActionCatalog Catalog => catalog;

    /// <summary>
    /// Opens a session. It is stored when it ends (<see cref="EndSession"/>): nothing is written
    /// before the first action starts, so a crashed unit is restarted without waiting on the disk.
    /// </summary>
    public Task<HealingSession> BeginSessionAsync(SessionTrigger trigger, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(new HealingSession(trigger, board.State, time.GetUtcNow(), config.Current.MaxActionsPerSession));
    }

    /// <summary>Ends a session once its actions are done, recording the state after; does not wait.</summary>
    public void EndSession(HealingSession session) => _ = FinishAsync(session);

    /// <summary>Takes note of an issue seen now, in its own signal session.</summary>
    public async Task ObserveAsync(Issue issue, CancellationToken cancellationToken)
    {
        var session = await BeginSessionAsync(SessionTrigger.Signal, cancellationToken);
        try
        {
            await ObserveAsync(issue, session, cancellationToken);
        }
        finally
        {
            EndSession(session);
        }
    }

    /// <summary>Takes note of an issue seen now: records it, decides, and acts on the decision.</summary>
    public async Task ObserveAsync(Issue issue, HealingSession session, CancellationToken cancellationToken)
    {
        session.SawIssue();
        var action = catalog.Recommend(issue);
        var decision = action is null ? null : decisions.Decide(issue, action, session);
        var view = new IssueView(issue, action?.Name, action?.Describe(issue), action?.Category.ToName(), action?.Risk, decision);
        var isNew = board.Upsert(view, out var stored);
        if (isNew && runner.IsRunning(issue.Key))
            _reopened[issue.Key] = 0;
        session.SawState(board.State);
        if (isNew)
        {
            logger.LogInformation("Issue {Key}: {Summary}", issue.Key, issue.Summary);
            events.Publish(new EngineEvent(EngineEventKind.IssueDetected, time.GetUtcNow(), issue.Summary, stored.Issue));
        }
        // Act first, write down second: the fix for a crashed unit should not wait on the disk.
        if (action is not null && decision is not null)
            await ActOnAsync(stored, action, decision, isNew, session, cancellationToken);
        await history.RecordIssueAsync(stored.Issue, cancellationToken);
    }

    private async Task ActOnAsync(IssueView stored, IHealingAction action, Decision decision, bool isNew, HealingSession session, CancellationToken cancellationToken)
    {
        switch (decision.Kind)
        {
            case DecisionKind.Execute:
                var started = runner.TryStart(stored.Issue, action, decision, session, automatic: true, approvedBy: null, FinishedAsync);
                if (started.Outcome is not (StartOutcome.Started or StartOutcome.AlreadyRunning))
                    await RecordHeldBackAsync(stored, action, decision with { Kind = DecisionKind.Defer, Reason = started.Why }, session, cancellationToken);
                break;
            case DecisionKind.NeedsApproval:
                if (await approvals.EnqueueAsync(stored.Issue, action, decision, session, cancellationToken) is not null)
                    session.Queued();
                break;
            default:
                if (isNew)
                    await RecordHeldBackAsync(stored, action, decision, session, cancellationToken);
                break;
        }
    }

    /// <summary>Applies a full scan: observes what the probe found and resolves its kinds that it no longer sees.</summary>
    public async Task ApplyScanAsync(IProbe probe, IReadOnlyList<Issue> found, HealingSession session, CancellationToken cancellationToken)
    {
        foreach (var issue in found)
            await ObserveAsync(issue, session, cancellationToken);
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
        // A unit that is up for a moment during its own heal is not a success: the count stays
        // until that heal's verdict.
        if (!runner.IsRunning(key))
            _failures.TryRemove(key, out _);
        if (!board.Remove(key, out var removed) || removed is null)
            return;
        var now = time.GetUtcNow();
        await history.ResolveIssueAsync(key, now, cancellationToken);
        logger.LogInformation("Issue {Key} resolved: {Why}", key, why);
        events.Publish(new EngineEvent(EngineEventKind.IssueResolved, now, $"{removed.Issue.Subject}: {why}", removed.Issue));
    }

    /// <summary>Completes when no action is running (for orderly shutdown, tests and benchmarks).</summary>
    public Task WhenIdleAsync() => runner.WhenIdleAsync();

    /// <summary>
    /// After a heal: a success closes the issue; a failure is tried again after a backoff (see
    /// <see cref="RetryBackoff"/>) if the issue is still open then. A failure that arrives while a heal
    /// is being verified is not lost this way: the try after it sees it. Nor is one that arrives after
    /// the heal brought the subject back but before it finished (the issue closed and opened again):
    /// the success is this heal's, and the new occurrence is healed now, as if it had come a moment later.
    /// </summary>
    internal Task FinishedAsync(Issue issue, bool succeeded)
    {
        var reopened = _reopened.TryRemove(issue.Key, out _);
        if (succeeded)
        {
            _failures.TryRemove(issue.Key, out _);
            if (reopened && board.TryGet(issue.Key, out var again) && again is not null)
            {
                logger.LogInformation("{Key} failed again while its heal was finishing: healing it again", issue.Key);
                return ObserveAsync(again.Issue with { LastSeen = time.GetUtcNow() }, _stopping.Token);
            }
            return ResolveAsync(issue.Key, "healed", CancellationToken.None);
        }
        var failures = _failures.AddOrUpdate(issue.Key, 1, (_, n) => n + 1);
        _ = RetryAsync(issue.Key, RetryBackoff.After(failures));
        return Task.CompletedTask;
    }

    private async Task RetryAsync(string key, TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay, time, _stopping.Token);
            if (board.TryGet(key, out var open) && open is not null)
            {
                logger.LogInformation("Trying {Key} again after a failed heal ({Delay} s later)", key, delay.TotalSeconds);
                await ObserveAsync(open.Issue with { LastSeen = time.GetUtcNow() }, _stopping.Token);
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Anna is stopping; the next start looks at the machine afresh.
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not try {Key} again", key);
        }
    }

    /// <summary>Stops pending retries (Anna is stopping).</summary>
    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    private async Task RecordHeldBackAsync(IssueView view, IHealingAction action, Decision decision, HealingSession session, CancellationToken cancellationToken)
    {
        var outcome = decision.Kind == DecisionKind.Defer ? ActionOutcome.Deferred : ActionOutcome.Suggested;
        session.Suggested();
        var now = time.GetUtcNow();
        var entry = HistoryEntries.For(view.Issue, action, decision, config.Current.Policy, outcome, now) with
        {
            FinishedAt = now,
            Detail = action.Describe(view.Issue),
            SessionId = session.Id,
        };
        entry = entry with { Id = await history.AppendAsync(entry, cancellationToken) };
        events.Publish(new EngineEvent(EngineEventKind.ActionSuggested, now, $"{action.Describe(view.Issue)} — {decision.Reason}", view.Issue, entry));
    }

    private async Task FinishAsync(HealingSession session)
    {
        try
        {
            await session.WhenActionsDoneAsync();
            var record = session.ToRecord(time.GetUtcNow(), board.State);
            await sessions.SaveAsync(record, CancellationToken.None);
            if (record.Executed + record.Queued + record.Suggested > 0)
            {
                events.Publish(new EngineEvent(EngineEventKind.SessionFinished, record.FinishedAt!.Value,
                    $"session {record.Trigger}: {record.StateBefore} → {record.StateAfter}, {record.Succeeded} healed, {record.Failed} failed, {record.Queued} queued",
                    Session: record));
            }
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not record the end of session {Id}", session.Id);
        }
    }
}
