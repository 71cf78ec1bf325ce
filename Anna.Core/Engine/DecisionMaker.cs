using Anna.Core.Actions;
using Anna.Core.Breaker;
using Anna.Core.Issues;
using Anna.Core.Policy;

namespace Anna.Core.Engine;

/// <summary>
/// Gathers what a decision depends on right now — policy, maintenance window, circuit breaker,
/// healing switch, session — and asks <see cref="PolicyEvaluator"/>. Reads only: the breaker's
/// one half-open trial is taken by <see cref="ActionRunner"/> when the action really starts.
/// </summary>
public sealed class DecisionMaker(IHealingConfig config, HealingCircuitBreaker breaker, HealingSwitch healingSwitch, TimeProvider time)
{
    public Decision Decide(Issue issue, IHealingAction action, HealingSession? session, bool requestedByUser = false)
    {
        var options = config.Current;
        var now = time.GetUtcNow();
        var window = new MaintenanceWindow(options.Schedule, time.LocalTimeZone);
        var breakerCheck = breaker.Peek(issue.Subject);
        return PolicyEvaluator.Decide(new DecisionInput
        {
            Options = options,
            Category = action.Category,
            Risk = action.Risk,
            RequestedByUser = requestedByUser,
            Urgent = Urgency.IsUrgent(issue, action.Category),
            WindowOpen = window.IsOpen(now),
            WindowReason = window.Explain(now),
            NextWindow = window.NextOpening(now),
            BreakerAllows = breakerCheck.Allowed,
            BreakerReason = breakerCheck.Reason,
            HealingEnabled = healingSwitch.Enabled,
            BudgetLeft = session?.BudgetLeft ?? true,
            SessionConsent = session?.HasConsent(action.Category) ?? false,
        });
    }
}
