using Anna.Core.Engine;
using MudBlazor;

namespace Anna.Dashboard.Components;

/// <summary>How a heal request's outcome is shown: started is good news, waiting for a person is news, the rest a warning.</summary>
public static class PlanOutcomes
{
    public static Severity Severity(PlanOutcome outcome) => outcome switch
    {
        PlanOutcome.Started => MudBlazor.Severity.Success,
        PlanOutcome.QueuedForApproval or PlanOutcome.AlreadyWaitingForApproval or PlanOutcome.NeedsApproval => MudBlazor.Severity.Info,
        _ => MudBlazor.Severity.Warning,
    };
}
