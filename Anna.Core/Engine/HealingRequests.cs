using Anna.Core.Vocabulary;
using System.Globalization;
using Anna.Core.Approvals;
using Anna.Core.Events;
using Anna.Core.History;
using Anna.Core.Policy;
using Anna.Core.Risk;
using Anna.Core.Sessions;

namespace Anna.Core.Engine;

/// <summary>
/// What people ask of the engine: the healable list (most-approved fixes first), heals of chosen
/// items (with a dry-run plan), and approving or rejecting queued actions. Decisions still come
/// from the one evaluator; a person's request is an input to it, not a way around it.
/// </summary>
public sealed class HealingRequests(
    HealingEngine engine,
    DecisionMaker decisions,
    ActionRunner runner,
    ApprovalQueue approvals,
    IHistoryStore history,
    EngineEventFeed events,
    IHealingConfig config,
    TimeProvider time)
{
    /// <summary>Open issues that have a fix, ordered by how often people approved such fixes, then severity and age.</summary>
    public async Task<IReadOnlyList<HealableIssue>> HealableAsync(CancellationToken cancellationToken)
    {
        var stats = await approvals.StatsAsync(cancellationToken);
        var ranked = engine.Board.Open
            .Select(v => (View: v, Action: engine.Catalog.Recommend(v.Issue)))
            .Where(x => x.Action is not null)
            .Select(x =>
            {
                var s = stats.FirstOrDefault(s => s.IssueType == x.View.Issue.Kind && s.Category == x.Action!.Category.ToName());
                return (x.View, Action: x.Action!, Approved: s?.Approved ?? 0, Rejected: s?.Rejected ?? 0);
            })
            .OrderByDescending(x => x.Approved - x.Rejected)
            .ThenByDescending(x => x.View.Issue.Severity)
            .ThenBy(x => x.View.Issue.FirstSeen)
            .ToList();
        return ranked.Select((x, i) => new HealableIssue(i + 1, x.View, x.Action, x.Approved, x.Rejected)).ToList();
    }

    /// <summary>
    /// Heals the chosen items (1-based indexes or issue keys; all when none are given). A dry run
    /// reports what each item would change and changes nothing.
    /// </summary>
    public async Task<HealingPlan> HealAsync(IReadOnlyList<string>? items, bool dryRun, string by, CancellationToken cancellationToken)
    {
        var healable = await HealableAsync(cancellationToken);
        var chosen = Select(healable, items);
        var session = dryRun ? null : await engine.BeginSessionAsync(SessionTrigger.User, cancellationToken);
        var plan = new List<PlanItem>();
        try
        {
            foreach (var item in chosen)
                plan.Add(await HealOneAsync(item, session, by, cancellationToken));
        }
        finally
        {
            if (session is not null)
                engine.EndSession(session);
        }
        return new HealingPlan(dryRun, session?.Id, plan);
    }

    private async Task<PlanItem> HealOneAsync(HealableIssue item, HealingSession? session, string by, CancellationToken cancellationToken)
    {
        var issue = item.View.Issue;
        var decision = decisions.Decide(issue, item.Action, session, requestedByUser: true);
        string? wouldChange = null;
        (PlanOutcome Outcome, string Words) result;
        if (session is null)
        {
            if (decision.Kind == DecisionKind.Execute)
                wouldChange = (await item.Action.DryRunAsync(issue, cancellationToken)).Detail;
            result = decision.Kind switch
            {
                DecisionKind.Execute => (PlanOutcome.WouldRun, "would run"),
                DecisionKind.NeedsApproval => (PlanOutcome.NeedsApproval, "needs approval: skipped"),
                _ => (PlanOutcome.Skipped, $"skipped: {decision.Reason}"),
            };
        }
        else if (decision.Kind == DecisionKind.Execute)
        {
            var started = runner.TryStart(issue, item.Action, decision, session, automatic: false, approvedBy: by, engine.FinishedAsync);
            result = started.Started ? (PlanOutcome.Started, "started") : (PlanOutcome.NotStarted, $"not started: {started.Why}");
        }
        else if (decision.Kind == DecisionKind.NeedsApproval)
        {
            var queued = await approvals.EnqueueAsync(issue, item.Action, decision, session, cancellationToken);
            result = queued is null ? (PlanOutcome.AlreadyWaitingForApproval, "already waiting for approval") : (PlanOutcome.QueuedForApproval, "queued for approval");
        }
        else
        {
            result = (PlanOutcome.Skipped, $"skipped: {decision.Reason}");
        }
        return new PlanItem(item.Index, issue.Key, issue.Subject, item.Action.Name, item.Action.Risk.ToName(),
            decision.Kind, decision.Reason, wouldChange, result.Outcome, result.Words);
    }

    private static List<HealableIssue> Select(IReadOnlyList<HealableIssue> healable, IReadOnlyList<string>? items)
    {
        if (items is null || items.Count == 0)
            return healable.ToList();
        var chosen = new List<HealableIssue>();
        for (var i = 0; i < items.Count; i++)
        {
            var wanted = items[i];
            var match = int.TryParse(wanted, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                ? healable.FirstOrDefault(h => h.Index == index)
                : healable.FirstOrDefault(h => h.View.Issue.Key == wanted);
            if (match is null)
                throw new HealingRequestException($"items[{i}]", $"'{wanted}' is neither the number nor the key of a healable issue");
            if (!chosen.Contains(match))
                chosen.Add(match);
        }
        return chosen;
    }

    /// <summary>
    /// Approves or rejects queued actions. Approving re-runs the pre-flight checks (the issue is
    /// still open, the dry run still works) before executing; per-session consent also approves the
    /// rest of that session's pending items of the same category.
    /// </summary>
    public async Task<IReadOnlyList<ApprovalOutcome>> DecideAsync(IReadOnlyList<Guid> ids, bool approve, bool perSession, string by, CancellationToken cancellationToken)
    {
        var session = approve ? await engine.BeginSessionAsync(SessionTrigger.Approval, cancellationToken) : null;
        var outcomes = new List<ApprovalOutcome>();
        var queue = new Queue<Guid>(ids);
        var seen = new HashSet<Guid>();
        try
        {
            while (queue.TryDequeue(out var id))
            {
                if (!seen.Add(id))
                    continue;
                ApprovalRequest decided;
                try
                {
                    decided = await approvals.DecideAsync(id, approve, by, cancellationToken);
                }
                catch (ApprovalException ex)
                {
                    outcomes.Add(new ApprovalOutcome(id, null, ex.Reason, Accepted: false));
                    continue;
                }
                events.Publish(new EngineEvent(EngineEventKind.ApprovalDecided, time.GetUtcNow(),
                    $"{decided.Action} on {decided.Subject} {(approve ? "approved" : "rejected")} by {by}"));
                if (!approve)
                {
                    await RecordRejectionAsync(decided, cancellationToken);
                    outcomes.Add(new ApprovalOutcome(id, decided.Status, "rejected; nothing was changed", Accepted: true));
                    continue;
                }
                if (perSession && decided.SessionId is { } origin)
                {
                    session!.Consent(decided.Category);
                    foreach (var sibling in await approvals.ListAsync(ApprovalStatus.Pending, cancellationToken))
                    {
                        if (sibling.SessionId == origin && sibling.Category == decided.Category)
                            queue.Enqueue(sibling.Id);
                    }
                }
                var (result, started) = await ExecuteApprovedAsync(decided, session!, perSession, by, cancellationToken);
                if (started is false)
                {
                    // Not run, but could be later: the request waits again rather than stay approved and never run.
                    var reopened = await approvals.ReopenAsync(decided, CancellationToken.None);
                    outcomes.Add(new ApprovalOutcome(id, reopened.Status, $"{result}; it waits for approval again", Accepted: false));
                    continue;
                }
                outcomes.Add(new ApprovalOutcome(id, decided.Status, result, Accepted: true));
            }
        }
        finally
        {
            if (session is not null)
                engine.EndSession(session);
        }
        return outcomes;
    }

    /// <summary>What became of an approved action; Started is null when there is nothing left to run (the issue or the action is gone).</summary>
    private async Task<(string Result, bool? Started)> ExecuteApprovedAsync(ApprovalRequest request, HealingSession session, bool perSession, string by, CancellationToken cancellationToken)
    {
        if (!engine.Board.TryGet(request.IssueKey, out var view) || view is null)
            return ("approved; the issue is no longer open, so nothing was run", null);
        var action = engine.Catalog.All.FirstOrDefault(a => a.Name == request.Action);
        if (action is null)
            return ($"approved; the action {request.Action} is no longer available", null);
        var preflight = await action.DryRunAsync(view.Issue, cancellationToken);
        if (!preflight.Succeeded)
            return ($"not run: pre-flight check failed: {preflight.Detail}", false);
        var decision = decisions.Approved(view.Issue, action, session, by, perSession);
        if (decision.Kind != DecisionKind.Execute)
            return ($"not run: {decision.Reason}", false);
        var started = runner.TryStart(view.Issue, action, decision, session, automatic: false, approvedBy: by, engine.FinishedAsync);
        return started.Started ? ("approved; executing", true) : ($"not run: {started.Why}", false);
    }

    private async Task RecordRejectionAsync(ApprovalRequest request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await history.AppendAsync(new HistoryEntry
        {
            IssueKind = request.IssueKind,
            Subject = request.Subject,
            Action = request.Action,
            Category = request.Category,
            Risk = request.Risk,
            Policy = config.Current.Policy,
            Decision = DecisionKind.NeedsApproval,
            Consent = ConsentLevel.None,
            Reason = request.Reason,
            Outcome = ActionOutcome.Rejected,
            StartedAt = now,
            FinishedAt = now,
            Detail = $"rejected by {request.DecidedBy}",
            SessionId = request.SessionId,
            ApprovedBy = request.DecidedBy,
        }, cancellationToken);
    }
}
