using Anna.Core.Vocabulary;
using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Serialization;
using Anna.Core.History;
using Anna.Core.Issues;
using Anna.Core.Rollback;
using Microsoft.EntityFrameworkCore;

namespace Anna.Server.Persistence;

/// <summary>
/// <see cref="IActionJournal"/> on SQLite: the history row and its journal record are written in
/// one transaction, and every commit is durable (<see cref="ConnectionPragmasInterceptor"/>).
/// </summary>
public sealed class EfActionJournal(IDbContextFactory<AnnaDbContext> contexts, StoreSpace space) : IActionJournal
{
    private long _version;

    public long Version => Interlocked.Read(ref _version);

    internal static readonly JsonSerializerOptions IssueJson = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public async Task<long> BeginAsync(HistoryEntry intent, Issue issue, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(intent);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var row = HistoryMapping.ToRow(intent with { Outcome = ActionOutcome.InProgress });
        db.ActionHistory.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        db.ActionJournal.Add(new ActionJournalRow
        {
            Id = row.Id,
            IssueJson = JsonSerializer.Serialize(issue, IssueJson),
            SnapshotJson = RollbackSnapshot.Empty.ToJson(),
            UndoState = UndoState.NotUndoable,
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Interlocked.Increment(ref _version);
        return row.Id;
    }

    /// <summary>
    /// Runs the journal's write path once, inside a transaction that is rolled back, so that the
    /// first heal after start-up does not pay for query compilation and serializer set-up (it
    /// took the first heal from about 0.1 s to about 1 s). Leaves the database as it was.
    /// </summary>
    public async Task WarmUpAsync(CancellationToken cancellationToken)
    {
        _ = RollbackSnapshot.FromJson(new RollbackSnapshot([new StopServiceStep("warm-up.service")]).ToJson());
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var row = HistoryMapping.ToRow(new HistoryEntry
        {
            IssueKind = "warm_up", Subject = "warm-up", Action = "warm_up", Category = ActionCategory.ServiceRestart,
            Risk = Anna.Core.Risk.ActionRisk.Safe, Policy = Anna.Core.Policy.HealingPolicy.Manual, Decision = Anna.Core.Policy.DecisionKind.Suggest,
            Consent = Anna.Core.Policy.ConsentLevel.None, Reason = "warm-up", Outcome = ActionOutcome.InProgress, StartedAt = DateTimeOffset.UnixEpoch,
        });
        db.ActionHistory.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        db.ActionJournal.Add(new ActionJournalRow { Id = row.Id, IssueJson = "{}", SnapshotJson = RollbackSnapshot.Empty.ToJson() });
        await db.SaveChangesAsync(cancellationToken);
        var id = row.Id;
        var json = RollbackSnapshot.Empty.ToJson();
        await db.ActionJournal.Where(r => r.Id == id).ExecuteUpdateAsync(u => u.SetProperty(r => r.SnapshotJson, json), cancellationToken);
        db.ChangeTracker.Clear();
        var history = await db.ActionHistory.SingleAsync(h => h.Id == id, cancellationToken);
        var journal = await db.ActionJournal.SingleAsync(r => r.Id == id, cancellationToken);
        history.Detail = "warm-up";
        journal.UndoNote = "warm-up";
        await db.SaveChangesAsync(cancellationToken);
        await transaction.RollbackAsync(cancellationToken);
    }

    public async Task RecordStepsAsync(long id, IReadOnlyList<RollbackStep> steps, CancellationToken cancellationToken)
    {
        var snapshot = new RollbackSnapshot(steps);
        var json = snapshot.ToJson();
        var keepsFiles = snapshot.KeepsFiles;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var updated = await db.ActionJournal.Where(r => r.Id == id)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.SnapshotJson, json).SetProperty(r => r.KeepsFiles, keepsFiles), cancellationToken);
        Interlocked.Increment(ref _version);
        if (updated != 1)
            throw new InvalidOperationException($"no journal record #{id} to record steps in");
    }

    public async Task FinishAsync(long id, HistoryEntry outcome, RollbackSnapshot snapshot, UndoState undoState, DateTimeOffset? undoableUntil,
        string? undoNote, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var history = await db.ActionHistory.SingleAsync(h => h.Id == id, cancellationToken);
        var journal = await db.ActionJournal.SingleAsync(r => r.Id == id, cancellationToken);
        var row = HistoryMapping.ToRow(outcome);
        history.Outcome = row.Outcome;
        history.Detail = row.Detail;
        history.NoSpace = row.NoSpace;
        history.FinishedAt = row.FinishedAt;
        history.DurationMs = row.DurationMs;
        history.ApprovedBy = row.ApprovedBy;
        journal.SnapshotJson = snapshot.ToJson();
        journal.KeepsFiles = snapshot.KeepsFiles;
        journal.UndoState = undoState;
        journal.UndoableUntil = undoableUntil;
        journal.UndoNote = undoNote;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Interlocked.Increment(ref _version);
    }

    public async Task<JournalRecord?> GetAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var found = await Records(db).Where(x => x.History.Id == id).ToListAsync(cancellationToken);
        return found.Select(ToRecord).SingleOrDefault();
    }

    public async Task<IReadOnlyList<JournalRecord>> UnfinishedAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var found = await Records(db).Where(x => x.History.Outcome == ActionOutcome.InProgress)
            .OrderBy(x => x.History.Id).ToListAsync(cancellationToken);
        return found.ConvertAll(ToRecord);
    }

    public async Task<IReadOnlyList<JournalRecord>> UndoableAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var found = await Records(db).Where(x => x.Journal.UndoState == UndoState.Undoable)
            .OrderByDescending(x => x.History.Id).ToListAsync(cancellationToken);
        return found.ConvertAll(ToRecord);
    }

    public async Task<IReadOnlyList<JournalRecord>> UndoableKeepingFilesAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var found = await Records(db).Where(x => x.Journal.UndoState == UndoState.Undoable && x.Journal.KeepsFiles)
            .OrderByDescending(x => x.History.Id).ToListAsync(cancellationToken);
        return found.ConvertAll(ToRecord);
    }

    /// <remarks>
    /// Every history page asks this (250 times a second under the load bench), and EF's query pipeline
    /// around so small a read cost more than the read: the statement goes to SQLite directly, on the
    /// context's pooled connection (its pragmas applied as for any other), the ids as one JSON parameter;
    /// a failure reaches <see cref="StoreSpace"/> as EF's would.
    /// </remarks>
    public async Task<IReadOnlyDictionary<long, JournalUndoState>> UndoStatesAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var states = new Dictionary<long, JournalUndoState>();
        if (ids.Count == 0)
            return states;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "SELECT id, undo_state, undoable_until FROM action_journal WHERE id IN (SELECT value FROM json_each($ids))";
            var parameter = command.CreateParameter();
            parameter.ParameterName = "$ids";
            parameter.Value = JsonSerializer.Serialize(ids.Distinct());
            command.Parameters.Add(parameter);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var id = reader.GetInt64(0);
                DateTimeOffset? until = reader.IsDBNull(2) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2));
                states[id] = new JournalUndoState(id, EnumNames<UndoState>.Parse(reader.GetString(1)), until);
            }
        }
        catch (DbException ex)
        {
            space.CommandFailed(ex);
            throw;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        return states;
    }

    public async Task SetUndoStateAsync(long id, UndoState state, string note, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var updated = await db.ActionJournal.Where(r => r.Id == id)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.UndoState, state).SetProperty(r => r.UndoNote, note), cancellationToken);
        Interlocked.Increment(ref _version);
        if (updated != 1)
            throw new InvalidOperationException($"no journal record #{id}");
    }

    private static IQueryable<JournalPair> Records(AnnaDbContext db) =>
        db.ActionHistory.AsNoTracking().Join(db.ActionJournal.AsNoTracking(), h => h.Id, j => j.Id, (h, j) => new JournalPair { History = h, Journal = j });

    private static JournalRecord ToRecord(JournalPair pair) => new(
        HistoryMapping.ToEntry(pair.History),
        JsonSerializer.Deserialize<Issue>(pair.Journal.IssueJson, IssueJson) ?? throw new JsonException($"journal record #{pair.Journal.Id} has no issue"),
        RollbackSnapshot.FromJson(pair.Journal.SnapshotJson),
        pair.Journal.UndoState,
        pair.Journal.UndoableUntil,
        pair.Journal.UndoNote);

    /// <summary>A member-init shape (not a positional record) so EF can keep composing queries on it.</summary>
    private sealed class JournalPair
    {
        public required ActionHistoryRow History { get; init; }
        public required ActionJournalRow Journal { get; init; }
    }
}
