using Anna.Core.Vocabulary;
using Anna.Core.Sessions;
using Anna.Core.Actions;
using Anna.Core.Events;
using Anna.Core.History;
using Anna.Core.Issues;
using Anna.Core.Policy;

namespace Anna.Core.Approvals;

/// <summary>
/// Actions waiting for a person: each carries its dry run, risk, why it asks, and an expiry.
/// One pending request per issue and action; an expired request cannot be approved.
/// </summary>
public sealed class ApprovalQueue(IApprovalStore store, IHistoryStore history, EngineEventFeed events, IHealingConfig config, TimeProvider time)
{
    /// <summary>How long a request waits; long enough to span a night, short enough that a stale plan is not run.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Queues the action unless the same one already waits for this issue; returns the new request or null.</summary>
    public async Task<ApprovalRequest?> EnqueueAsync(Issue issue, IHealingAction action, Decision decision, HealingSession session, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var pending = await ListAsync(ApprovalStatus.Pending, cancellationToken);
            if (pending.Any(p => p.IssueKey == issue.Key && p.Action == action.Name))
                return null;
            var dryRun = await action.DryRunAsync(issue, cancellationToken);
            var now = time.GetUtcNow();
            var request = new ApprovalRequest
            {
                Id = Guid.NewGuid(),
                IssueKey = issue.Key,
                IssueKind = issue.Kind,
                Subject = issue.Subject,
                Action = action.Name,
                Category = action.Category,
                Risk = action.Risk,
                DryRun = dryRun.Detail,
                Reason = decision.Reason,
                CreatedAt = now,
                ExpiresAt = now + Lifetime,
                SessionId = session.Id,
            };
            await store.AddAsync(request, cancellationToken);
            var entry = HistoryEntries.For(issue, action, decision, config.Current.Policy, ActionOutcome.AwaitingApproval, now) with
            {
                FinishedAt = now,
                Detail = dryRun.Detail,
                SessionId = session.Id,
            };
            entry = entry with { Id = await history.AppendAsync(entry, cancellationToken) };
            events.Publish(new EngineEvent(EngineEventKind.ApprovalRequested, now, $"{action.Describe(issue)} — {decision.Reason}", issue, entry,
                ApprovalId: request.Id));
            return request;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Lists requests, newest first, after marking the ones past their expiry.</summary>
    public async Task<IReadOnlyList<ApprovalRequest>> ListAsync(ApprovalStatus? status, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var pending in await store.ListAsync(ApprovalStatus.Pending, cancellationToken))
        {
            if (pending.ExpiresAt <= now)
                await store.UpdateAsync(pending with { Status = ApprovalStatus.Expired, DecidedAt = now }, cancellationToken);
            // The wall clock went back: a request never waits longer than its lifetime from now.
            else if (pending.ExpiresAt > now + Lifetime)
                await store.UpdateAsync(pending with { ExpiresAt = now + Lifetime }, cancellationToken);
        }
        return await store.ListAsync(status, cancellationToken);
    }

    /// <summary>Records a person's decision on a pending request; throws <see cref="ApprovalException"/> when it is not pending.</summary>
    public async Task<ApprovalRequest> DecideAsync(Guid id, bool approve, string by, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var request = await store.GetAsync(id, cancellationToken) ?? throw new ApprovalException(id, "no such approval request");
            var now = time.GetUtcNow();
            if (request.Status == ApprovalStatus.Pending && request.ExpiresAt <= now)
            {
                await store.UpdateAsync(request with { Status = ApprovalStatus.Expired, DecidedAt = now }, cancellationToken);
                throw new ApprovalException(id, $"expired at {request.ExpiresAt:u}");
            }
            if (request.Status != ApprovalStatus.Pending)
                throw new ApprovalException(id, $"already {request.Status.ToString().ToLowerInvariant()}");
            var decided = request with
            {
                Status = approve ? ApprovalStatus.Approved : ApprovalStatus.Rejected,
                DecidedBy = by,
                DecidedAt = now,
            };
            await store.UpdateAsync(decided, cancellationToken);
            return decided;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Puts an approved request back in the queue when its action could not start (a failed pre-flight,
    /// a spent session budget): an approval stands only for an action that ran, so the person can
    /// approve it again instead of finding it approved and never run.
    /// </summary>
    public async Task<ApprovalRequest> ReopenAsync(ApprovalRequest approved, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var current = await store.GetAsync(approved.Id, cancellationToken) ?? approved;
            if (current.Status != ApprovalStatus.Approved)
                return current;
            var reopened = current with { Status = ApprovalStatus.Pending, DecidedBy = null, DecidedAt = null };
            await store.UpdateAsync(reopened, cancellationToken);
            return reopened;
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task<IReadOnlyList<ApprovalStats>> StatsAsync(CancellationToken cancellationToken) => store.StatsAsync(cancellationToken);
}
