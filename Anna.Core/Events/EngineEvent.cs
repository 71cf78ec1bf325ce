using Anna.Core.History;
using Anna.Core.Issues;

namespace Anna.Core.Events;

/// <summary>Something the engine did or saw; every door (store, metrics, hub, dashboard) listens to these.</summary>
public sealed record EngineEvent(
    EngineEventKind Kind,
    DateTimeOffset At,
    string Message,
    Issue? Issue = null,
    HistoryEntry? Entry = null);
