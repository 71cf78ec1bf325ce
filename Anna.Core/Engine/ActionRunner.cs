using Anna.Core.Vocabulary;
using Anna.Core.Sessions;
using System.Collections.Concurrent;
using Anna.Core.Actions;
using Anna.Core.Breaker;
using Anna.Core.Events;
using Anna.Core.History;
using Anna.Core.Insights;
using Anna.Core.Issues;
using Anna.Core.Policy;
using Microsoft.Extensions.Logging;

namespace Anna.Core.Engine;

/// <summary>
/// Runs allowed actions: at most one per issue at a time, within the session's budget, past the
/// circuit breaker; records the outcome in history, tells the breaker, publishes events.
/// Actions run off the caller's thread so one unit's settle period never delays noticing another
/// unit's failure.
/// </summary>
public sealed class ActionRunner(
    ActionExecutor executor,
    EngineEventFeed events,
    HealingCircuitBreaker breaker,
    CategoryTrust trust,
    IHealingConfig config,
    TimeProvider time,
    ILogger<ActionRunner> logger)
{
    private readonly ConcurrentDictionary<string, Task> _inFlight = new(StringComparer.Ordinal);

    public bool IsRunning(string issueKey) => _inFlight.ContainsKey(issueKey);

    /// <summary>Completes when no action is running (orderly shutdown, tests, benchmarks).</summary>
    public Task WhenIdleAsync() => Task.WhenAll(_inFlight.Values);

    /// <param name="automatic">Anna acts on its own: the circuit breaker applies. A person's explicit request or approval bypasses it.</param>
    /// <param name="onFinished">Called after every run with whether it succeeded (the engine resolves the issue, or tries again later).</param>
    public StartResult TryStart(Issue issue, IHealingAction action, Decision decision, HealingSession session,
        bool automatic, string? approvedBy, Func<Issue, bool, Task> onFinished)
    {
        var gate = new TaskCompletionSource();
        if (!_inFlight.TryAdd(issue.Key, gate.Task))
            return new(StartOutcome.AlreadyRunning, "already being healed");
        // Not a second decision: the decision peeked at the budget and the breaker's trial; here they
        // are taken, atomically, so two heals decided at once cannot both spend the last of either.
        if (!session.TryTakeBudget())
            return Abandon(issue, gate, StartOutcome.BudgetSpent, PolicyEvaluator.BudgetSpent(config.Current));
        if (automatic && breaker.Check(issue.Subject) is { Allowed: false } check)
        {
            session.ReturnBudget();
            return Abandon(issue, gate, StartOutcome.BreakerOpen, check.Reason);
        }

        var running = Task.Run(async () =>
        {
            var succeeded = false;
            try
            {
                succeeded = await RunAsync(issue, action, decision, session, approvedBy);
                session.Finished(succeeded);
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Healing {Key} with {Action} crashed", issue.Key, action.Name);
            }
            finally
            {
                // Free the issue before resolving it, so a failure that arrives right after the
                // heal is healed again instead of being taken for this (finished) attempt.
                _inFlight.TryRemove(issue.Key, out _);
            }
            try
            {
                await onFinished(issue, succeeded);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Could not follow up {Key} after healing it", issue.Key);
            }
            finally
            {
                gate.SetResult();
            }
        });
        session.Track(running);
        return StartResult.Running;
    }

    private StartResult Abandon(Issue issue, TaskCompletionSource gate, StartOutcome outcome, string why)
    {
        _inFlight.TryRemove(issue.Key, out _);
        gate.SetResult();
        return new(outcome, why);
    }

    private async Task<bool> RunAsync(Issue issue, IHealingAction action, Decision decision, HealingSession session, string? approvedBy)
    {
        var intent = HistoryEntries.For(issue, action, decision, config.Current.Policy, ActionOutcome.InProgress, time.GetUtcNow()) with
        {
            SessionId = session.Id,
            ApprovedBy = approvedBy,
        };
        var (entry, result) = await executor.ExecuteAsync(issue, action, intent,
            started => events.Publish(new EngineEvent(EngineEventKind.ActionStarted, started.StartedAt, action.Describe(issue), issue, started)));
        await breaker.RecordAsync(issue.Subject, result.Succeeded, CancellationToken.None);
        trust.Record(action.Category, decision.Consent, entry.Outcome == ActionOutcome.Success, entry.Id, issue.Subject);
        logger.LogInformation("{Action} on {Subject}: {Outcome} — {Detail} (history #{HistoryId})", action.Name, issue.Subject,
            EnumNames<ActionOutcome>.ToName(entry.Outcome), entry.Detail, entry.Id);
        var kind = result.Succeeded ? EngineEventKind.ActionSucceeded : EngineEventKind.ActionFailed;
        events.Publish(new EngineEvent(kind, entry.FinishedAt!.Value, $"{action.Describe(issue)}: {entry.Detail}", issue, entry));
        return result.Succeeded;
    }
}
