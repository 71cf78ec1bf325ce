using Anna.Core.Vocabulary;
using Anna.Core.Actions;
using Anna.Core.Engine;
using Anna.Core.Events;
using Anna.Core.History;
using Anna.Core.Issues;
using Anna.Core.Policy;
using Anna.Core.Rollback;
using Microsoft.Extensions.Logging.Abstractions;

namespace Anna.Testing;

/// <summary>
/// The rollback machinery as the host wires it — executor, start-up recovery, undo, retention,
/// quarantine accounting — over the in-memory journal, with the undoers a test chooses acting on
/// real objects. Its data directory (backups, kept package files, quarantine) is its own under the
/// temp directory, on the same filesystem as /var/lib/anna would be, and goes on dispose.
/// </summary>
public sealed class RollbackRig : IDisposable
{
    /// <param name="undoers">The undoers for the steps the test's actions record, given the rig's storage.</param>
    /// <param name="faults">Where the executor stops as if Anna crashed; nowhere by default.</param>
    /// <param name="dataDirectory">Where the data directory is made (a test's own filesystem); under the temp directory by default.</param>
    public RollbackRig(Func<RollbackStorage, IEnumerable<IStepUndoer>> undoers, IFaultInjector? faults = null,
        IHealingConfig? config = null, TimeProvider? time = null, string? dataDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(undoers);
        // Made by the first backup or quarantine that needs it, like /var/lib/anna on a new machine.
        Storage = new RollbackStorage(dataDirectory ?? Path.Combine(Path.GetTempPath(), $"anna-rollback-data-{Guid.NewGuid():N}"));
        Config = config ?? new TestHealingConfig();
        Time = time ?? TimeProvider.System;
        Journal = new InMemoryActionJournal(History);
        Rollback = new RollbackExecutor(undoers(Storage));
        Executor = ExecutorWith(faults ?? NoFaults.Instance);
        Recovery = new JournalRecovery(Journal, Rollback, Config, Feed, Time, NullLogger<JournalRecovery>.Instance);
        Undo = new UndoService(Journal, Rollback, Feed, Time, NullLogger<UndoService>.Instance);
        Retention = new RollbackRetention(Journal, Rollback, Config, Time, NullLogger<RollbackRetention>.Instance);
        Usage = new KeptFilesUsage(Journal);
        CriticalDisks = new CriticalDiskPurge(Usage, Journal, Retention, Config, NullLogger<CriticalDiskPurge>.Instance);
    }

    public string DataDirectory => Storage.DataDirectory;
    public RollbackStorage Storage { get; }
    public IHealingConfig Config { get; }
    public TimeProvider Time { get; }
    public EngineEventFeed Feed { get; } = new(NullLogger<EngineEventFeed>.Instance);
    public InMemoryHistoryStore History { get; } = new();
    public InMemoryActionJournal Journal { get; }
    public RollbackExecutor Rollback { get; }
    public ActionExecutor Executor { get; }
    public JournalRecovery Recovery { get; }
    public UndoService Undo { get; }
    public RollbackRetention Retention { get; }
    public KeptFilesUsage Usage { get; }
    public CriticalDiskPurge CriticalDisks { get; }

    /// <summary>Another executor over the same journal and storage, stopping where <paramref name="faults"/> says (a crash drill).</summary>
    public ActionExecutor ExecutorWith(IFaultInjector faults) => new(Journal, Rollback, faults, Storage, Config, Time);

    /// <summary>Runs the action through the executor as the engine would once a person asked for it.</summary>
    public Task<(HistoryEntry Entry, ActionResult Result)> ExecuteAsync(IHealingAction action, Issue issue)
    {
        var decision = new Decision(DecisionKind.Execute, "test", ConsentLevel.Explicit);
        var intent = HistoryEntries.For(issue, action, decision, Config.Current.Policy, ActionOutcome.InProgress, Time.GetUtcNow());
        return Executor.ExecuteAsync(issue, action, intent);
    }

    /// <summary><see cref="ExecuteAsync"/>, with the snapshot the journal holds afterwards.</summary>
    public async Task<(HistoryEntry Entry, ActionResult Result, RollbackSnapshot Snapshot)> RunAsync(Issue issue, IHealingAction action)
    {
        var (entry, result) = await ExecuteAsync(action, issue);
        return (entry, result, (await RecordAsync(entry.Id)).Snapshot);
    }

    public async Task<JournalRecord> RecordAsync(long id) =>
        await Journal.GetAsync(id, CancellationToken.None) ?? throw new InvalidOperationException($"no journal record #{id}");

    public void Dispose()
    {
        if (Directory.Exists(DataDirectory))
            Directory.Delete(DataDirectory, recursive: true);
    }
}
