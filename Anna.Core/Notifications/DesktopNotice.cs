namespace Anna.Core.Notifications;

/// <summary>
/// One notification for the person at the desktop, composed by Anna and shown by
/// <c>annactl notify</c> as that person: a finished healing session, or an action waiting for
/// approval. The agent offers [Undo] only with <see cref="Undoable"/> actions and to operators,
/// [Approve] only with an <see cref="ApprovalId"/>.
/// </summary>
/// <param name="Id">Increasing within one run of Anna; a poller asks for what came after the last it saw.</param>
/// <param name="Kind">session or approval.</param>
/// <param name="Urgency">low, normal or critical.</param>
/// <param name="Undoable">The history ids of the session's actions that succeeded, newest last.</param>
public sealed record DesktopNotice(
    long Id,
    string Kind,
    string Summary,
    string Body,
    string Urgency,
    DateTimeOffset At,
    Guid? SessionId,
    IReadOnlyList<long> Undoable,
    Guid? ApprovalId);
