using Anna.Core.History;
using Anna.Core.Issues;
using Anna.Core.Rollback;

namespace Anna.Testing;

/// <summary>The action journal over an <see cref="InMemoryHistoryStore"/>: history rows and journal records kept together, as the SQLite journal keeps them.</summary>
public sealed class InMemoryActionJournal(InMemoryHistoryStore history) : IActionJournal
{
    private readonly Lock _gate = new();
    private readonly Dictionary<long, JournalRecord> _records = [];
    private long _version;

    public long Version => Interlocked.Read(ref _version);

    public async Task<long> BeginAsync(HistoryEntry intent, Issue issue, CancellationToken cancellationToken)
    {
        var id = await history.AppendAsync(intent, cancellationToken);
        lock (_gate)
            _records[id] = new JournalRecord(intent with { Id = id }, issue, RollbackSnapshot.Empty, UndoState.NotUndoable, null, null);
        Interlocked.Increment(ref _version);
        return id;
    }

    public Task RecordStepsAsync(long id, IReadOnlyList<RollbackStep> steps, CancellationToken cancellationToken)
    {
        lock (_gate)
            _records[id] = _records[id] with { Snapshot = new RollbackSnapshot(steps.ToList()) };
        Interlocked.Increment(ref _version);
        return Task.CompletedTask;
    }

    public Task FinishAsync(long id, HistoryEntry outcome, RollbackSnapshot snapshot, UndoState undoState, DateTimeOffset? undoableUntil,
        string? undoNote, CancellationToken cancellationToken)
    {
        var entry = outcome with { Id = id };
        history.Replace(entry);
        lock (_gate)
            _records[id] = _records[id] with { Entry = entry, Snapshot = snapshot, UndoState = undoState, UndoableUntil = undoableUntil, UndoNote = undoNote };
        Interlocked.Increment(ref _version);
        return Task.CompletedTask;
    }

    public Task<JournalRecord?> GetAsync(long id, CancellationToken cancellationToken)
    {
        lock (_gate)
            return Task.FromResult(_records.GetValueOrDefault(id));
    }

    public Task<IReadOnlyList<JournalRecord>> UnfinishedAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
            return Task.FromResult<IReadOnlyList<JournalRecord>>(_records.Values.Where(r => r.IsUnfinished).OrderBy(r => r.Id).ToList());
    }

    public Task<IReadOnlyList<JournalRecord>> UndoableAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
            return Task.FromResult<IReadOnlyList<JournalRecord>>(_records.Values.Where(r => r.UndoState == UndoState.Undoable).OrderByDescending(r => r.Id).ToList());
    }

    public Task<IReadOnlyList<JournalRecord>> UndoableKeepingFilesAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
            return Task.FromResult<IReadOnlyList<JournalRecord>>(_records.Values
                .Where(r => r.UndoState == UndoState.Undoable && r.Snapshot.KeepsFiles).OrderByDescending(r => r.Id).ToList());
    }

    public Task<IReadOnlyDictionary<long, JournalUndoState>> UndoStatesAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyDictionary<long, JournalUndoState>>(ids
                .Where(_records.ContainsKey)
                .Distinct()
                .ToDictionary(id => id, id => new JournalUndoState(id, _records[id].UndoState, _records[id].UndoableUntil)));
        }
    }

    public Task SetUndoStateAsync(long id, UndoState state, string note, CancellationToken cancellationToken)
    {
        lock (_gate)
            _records[id] = _records[id] with { UndoState = state, UndoNote = note };
        Interlocked.Increment(ref _version);
        return Task.CompletedTask;
    }
}
