using Anna.Core.Vocabulary;
using Anna.Core.History;
using Anna.Core.Issues;
using Anna.Core.Sessions;

namespace Anna.Core.Events;

/// <summary>Something the engine did or saw; every door (store, metrics, hub, dashboard) listens to these.</summary>
/// <param name="Subject">What the event is about when there is no issue (e.g. a circuit breaker's subject).</param>
/// <param name="Session">The session, for <see cref="EngineEventKind.SessionFinished"/>.</param>
/// <param name="ApprovalId">The request, for <see cref="EngineEventKind.ApprovalRequested"/>.</param>
public sealed record EngineEvent(
    EngineEventKind Kind,
    DateTimeOffset At,
    string Message,
    Issue? Issue = null,
    HistoryEntry? Entry = null,
    string? Subject = null,
    HealingSessionRecord? Session = null,
    Guid? ApprovalId = null);
