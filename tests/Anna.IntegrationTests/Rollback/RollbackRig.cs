using Anna.Core.Actions;
using Anna.Core.Engine;
using Anna.Core.Events;
using Anna.Core.History;
using Anna.Core.Issues;
using Anna.Core.Policy;
using Anna.Core.Rollback;
using Anna.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Anna.IntegrationTests.Rollback;

/// <summary>
/// The rollback machinery as the host wires it — executor, recovery, undo, retention, quarantine
/// accounting — over the in-memory journal, with the real quarantine undoer acting on real files.
/// The data directory is a fresh one under the temp directory (on /, like /var/lib/anna).
/// </summary>
internal sealed class RollbackRig : IDisposable
{
    public RollbackRig(IFaultInjector? faults = null, HealingOptions? options = null)
    {
        DataDirectory = Directory.CreateTempSubdirectory("anna-rollback-data-").FullName;
        Storage = new RollbackStorage(DataDirectory);
        Config = new TestHealingConfig(options ?? new HealingOptions());
        Journal = new InMemoryActionJournal(History);
        Rollback = new RollbackExecutor([new QuarantineStepUndoer()]);
        Executor = new ActionExecutor(Journal, Rollback, faults ?? NoFaults.Instance, Storage, Config, TimeProvider.System);
        Recovery = new JournalRecovery(Journal, Rollback, Config, TimeProvider.System, NullLogger<JournalRecovery>.Instance);
        Undo = new UndoService(Journal, Rollback, new EngineEventFeed(NullLogger<EngineEventFeed>.Instance), TimeProvider.System, NullLogger<UndoService>.Instance);
        Retention = new RollbackRetention(Journal, Rollback, Config, TimeProvider.System, NullLogger<RollbackRetention>.Instance);
        Usage = new QuarantineUsage(Journal);
        CriticalDisks = new CriticalDiskPurge(Usage, Journal, Retention, Config, NullLogger<CriticalDiskPurge>.Instance);
    }

    public string DataDirectory { get; }
    public RollbackStorage Storage { get; }
    public TestHealingConfig Config { get; }
    public InMemoryHistoryStore History { get; } = new();
    public InMemoryActionJournal Journal { get; }
    public RollbackExecutor Rollback { get; }
    public ActionExecutor Executor { get; }
    public JournalRecovery Recovery { get; }
    public UndoService Undo { get; }
    public RollbackRetention Retention { get; }
    public QuarantineUsage Usage { get; }
    public CriticalDiskPurge CriticalDisks { get; }

    /// <summary>Runs the action through the executor as the engine would after deciding to execute it.</summary>
    public Task<(HistoryEntry Entry, ActionResult Result)> ExecuteAsync(IHealingAction action, Issue issue)
    {
        var decision = new Decision(DecisionKind.Execute, "test", ConsentLevel.Explicit);
        var intent = HistoryEntries.For(issue, action, decision, Config.Current.Policy, ActionOutcome.InProgress, DateTimeOffset.UtcNow);
        return Executor.ExecuteAsync(issue, action, intent);
    }

    public async Task<JournalRecord> RecordAsync(long id) =>
        await Journal.GetAsync(id, CancellationToken.None) ?? throw new InvalidOperationException($"no journal record #{id}");

    public void Dispose()
    {
        if (Directory.Exists(DataDirectory))
            Directory.Delete(DataDirectory, recursive: true);
    }
}
