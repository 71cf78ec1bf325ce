using Anna.Core.Sessions;
using Anna.Core.Actions;
using Anna.Core.Breaker;
using Anna.Core.Insights;
using Anna.Core.Issues;
using Anna.Core.Policy;

namespace Anna.Core.Engine;

/// <summary>
/// Gathers what a decision depends on right now — policy, maintenance window, circuit breaker,
/// healing switch, session — and asks <see cref="PolicyEvaluator"/>. Reads only: the breaker's
/// one half-open trial is taken by <see cref="ActionRunner"/> when the action really starts.
/// </summary>
public sealed class DecisionMaker(IHealingConfig config, HealingCircuitBreaker breaker, HealingSwitch healingSwitch, CategoryTrust trust, TimeProvider time)
{
    public Decision Decide(Issue issue, IHealingAction action, HealingSession? session, bool requestedByUser = false) =>
        Decide(issue, action, session, requestedByUser, approvedBy: null, approvedForSession: false);

    /// <summary>The decision on an action a person approved from the queue; the policy's last word still applies (critical never runs).</summary>
    public Decision Approved(Issue issue, IHealingAction action, HealingSession session, string by, bool forSession) =>
        Decide(issue, action, session, requestedByUser: false, approvedBy: by, approvedForSession: forSession);

    private Decision Decide(Issue issue, IHealingAction action, HealingSession? session, bool requestedByUser, string? approvedBy, bool approvedForSession)
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
            ApprovedBy = approvedBy,
            ApprovedForSession = approvedForSession,
            Urgent = Urgency.IsUrgent(issue, action.Category),
            WindowOpen = window.IsOpen(now),
            WindowReason = window.Explain(now),
            NextWindow = window.NextOpening(now),
            BreakerAllows = breakerCheck.Allowed,
            BreakerReason = breakerCheck.Reason,
            HealingEnabled = healingSwitch.Enabled,
            BudgetLeft = session?.BudgetLeft ?? true,
            SessionConsent = session?.HasConsent(action.Category) ?? false,
            Demoted = trust.Demotion(action.Category),
        });
    }
}
