using Anna.Core.Vocabulary;
using Anna.Core.History;
using Anna.Core.Issues;

namespace Anna.Core.Events;

/// <summary>Something the engine did or saw; every door (store, metrics, hub, dashboard) listens to these.</summary>
/// <param name="Subject">What the event is about when there is no issue (e.g. a circuit breaker's subject).</param>
public sealed record EngineEvent(
    EngineEventKind Kind,
    DateTimeOffset At,
    string Message,
    Issue? Issue = null,
    HistoryEntry? Entry = null,
    string? Subject = null);
