using Anna.Core.Sessions;
using Anna.Core.Actions;
using Anna.Core.Breaker;
using Anna.Core.Insights;
using Anna.Core.Issues;
using Anna.Core.Policy;
using Anna.Core.Prediction;
using Anna.Core.Risk;

namespace Anna.Core.Engine;

/// <summary>
/// Gathers what a decision depends on right now — policy, maintenance window, circuit breaker,
/// healing switch, session — and asks <see cref="PolicyEvaluator"/>. Reads only: the breaker's
/// one half-open trial is taken by <see cref="ActionRunner"/> when the action really starts.
/// A fix for a forecast crossing (a preventive plan) gets its time from <see cref="PreventionSchedule"/>
/// in place of the window's: the rest of the decision is the same as for any fix.
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
        var urgent = Urgency.IsUrgent(issue, action.Category);
        var windowOpen = window.IsOpen(now);
        var windowReason = window.Explain(now);
        var nextWindow = window.NextOpening(now);
        if (PreventionSchedule.Crossing(issue) is { } crossing)
        {
            var lead = TimeSpan.FromMinutes(options.Rollback.RollbackTimeoutMinutes) + PreventionSchedule.Margin;
            var plan = PreventionSchedule.Plan(window, now, crossing, lead, action.Risk == ActionRisk.Safe, PreventionSchedule.What(issue));
            (urgent, windowOpen, windowReason, nextWindow) = (plan.Urgent, plan.Due(now), plan.Reason, plan.At);
        }
        return PolicyEvaluator.Decide(new DecisionInput
        {
            Options = options,
            Category = action.Category,
            Risk = action.Risk,
            RequestedByUser = requestedByUser,
            ApprovedBy = approvedBy,
            ApprovedForSession = approvedForSession,
            Urgent = urgent,
            WindowOpen = windowOpen,
            WindowReason = windowReason,
            NextWindow = nextWindow,
            BreakerAllows = breakerCheck.Allowed,
            BreakerReason = BreakerAdvice.Explain(breakerCheck, issue),
            HealingEnabled = healingSwitch.Enabled,
            BudgetLeft = session?.BudgetLeft ?? true,
            SessionConsent = session?.HasConsent(action.Category) ?? false,
            Demoted = trust.Demotion(action.Category),
        });
    }
}
