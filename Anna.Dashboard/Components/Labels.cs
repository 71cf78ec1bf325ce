using Anna.Core.Sessions;
using Anna.Core.Vocabulary;
using Anna.Core.Approvals;
using Anna.Core.Engine;
using Anna.Core.Policy;
using Anna.Core.Risk;
using Anna.Core.Rollback;
using MudBlazor;

namespace Anna.Dashboard.Components;

/// <summary>
/// Words and colours for the engine's enums, kept in one place so every component (and the
/// browser tests reading <c>data-*</c> attributes) agrees on them.
/// </summary>
public static class Labels
{
    /// <summary>snake_case, as the API and metrics spell outcomes: success, failed, awaiting_approval, …</summary>
    public static string Name(this ActionOutcome outcome) => EnumNames<ActionOutcome>.ToName(outcome);

    public static string Text(this ActionOutcome outcome) => outcome.Name().Replace('_', ' ');

    public static Color Color(this ActionOutcome outcome) => outcome switch
    {
        ActionOutcome.Success => MudBlazor.Color.Success,
        ActionOutcome.Failed => MudBlazor.Color.Error,
        ActionOutcome.AwaitingApproval => MudBlazor.Color.Warning,
        // Running right now: the theme's main colour, so it stands apart from the settled outcomes.
        ActionOutcome.InProgress => MudBlazor.Color.Primary,
        // A failed heal that Anna took back: a failure, but not one that left the machine changed.
        ActionOutcome.RolledBack => MudBlazor.Color.Secondary,
        _ => MudBlazor.Color.Info,
    };

    /// <summary>snake_case, as the API spells undo statuses: available, already_undone, drifted, …</summary>
    public static string Name(this UndoStatus status) => EnumNames<UndoStatus>.ToName(status);

    /// <summary>A heading for what an undo check or request said.</summary>
    public static string Text(this UndoStatus status) => status switch
    {
        UndoStatus.Available => "can be undone",
        UndoStatus.Undone => "undone",
        UndoStatus.Failed => "undo failed",
        UndoStatus.NotFound => "nothing to undo",
        UndoStatus.NotUndoable => "nothing to undo",
        UndoStatus.Expired => "undo expired",
        UndoStatus.AlreadyUndone => "already undone",
        UndoStatus.InProgress => "still running",
        UndoStatus.Drifted => "changed since",
        _ => status.Name().Replace('_', ' '),
    };

    public static Color Color(this UndoStatus status) => status switch
    {
        UndoStatus.Available or UndoStatus.Undone => MudBlazor.Color.Success,
        UndoStatus.Failed => MudBlazor.Color.Error,
        UndoStatus.Drifted or UndoStatus.Expired => MudBlazor.Color.Warning,
        _ => MudBlazor.Color.Default,
    };

    public static string Text(this SystemState state) => state.ToString().ToUpperInvariant();

    public static Color Color(this SystemState state) => state switch
    {
        SystemState.Healthy => MudBlazor.Color.Success,
        SystemState.Degraded => MudBlazor.Color.Warning,
        _ => MudBlazor.Color.Error,
    };

    public static Color Color(this ActionRisk risk) => risk switch
    {
        ActionRisk.Safe => MudBlazor.Color.Success,
        ActionRisk.Low => MudBlazor.Color.Info,
        ActionRisk.Medium => MudBlazor.Color.Warning,
        _ => MudBlazor.Color.Error,
    };

    /// <summary>What will happen to the issue without a person stepping in.</summary>
    public static string Text(this DecisionKind kind) => kind switch
    {
        DecisionKind.Execute => "auto-heal",
        DecisionKind.NeedsApproval => "needs approval",
        DecisionKind.Defer => "deferred",
        _ => "suggestion only",
    };

    public static Color Color(this DecisionKind kind) => kind switch
    {
        DecisionKind.Execute => MudBlazor.Color.Success,
        DecisionKind.NeedsApproval => MudBlazor.Color.Warning,
        DecisionKind.Defer => MudBlazor.Color.Info,
        _ => MudBlazor.Color.Default,
    };

    public static string Text(this ApprovalStatus status) => status.ToString().ToLowerInvariant();

    public static Color Color(this ApprovalStatus status) => status switch
    {
        ApprovalStatus.Approved => MudBlazor.Color.Success,
        ApprovalStatus.Rejected => MudBlazor.Color.Error,
        ApprovalStatus.Pending => MudBlazor.Color.Warning,
        _ => MudBlazor.Color.Default,
    };
}
