using Anna.Core.Actions;
using Anna.Core.Engine;
using Anna.Core.Events;
using Anna.Core.History;
using Anna.Core.Issues;
using Anna.Core.Linux.Packages;
using Anna.Core.Policy;
using Anna.Core.Rollback;
using Anna.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Anna.IntegrationTests.Packages;

/// <summary>
/// The rollback engine as the host wires it, around a real package manager: the executor with
/// the in-memory journal, the package step undoer, the undo service, and a data directory of its
/// own for the kept package files (removed on dispose).
/// </summary>
public sealed class PackageUndoRig : IDisposable
{
    /// <param name="faults">Where the executor stops as if Anna crashed; nowhere by default.</param>
    public PackageUndoRig(IPackageManager packages, IFaultInjector? faults = null)
    {
        Storage = new RollbackStorage(Directory.CreateTempSubdirectory("anna-undo-rig-").FullName);
        Journal = new InMemoryActionJournal(new InMemoryHistoryStore());
        Rollback = new RollbackExecutor([new PackageStepUndoer(packages, Storage)]);
        Executor = new ActionExecutor(Journal, Rollback, faults ?? NoFaults.Instance, Storage, Config, TimeProvider.System);
        Recovery = new JournalRecovery(Journal, Rollback, Config, TimeProvider.System, NullLogger<JournalRecovery>.Instance);
        Undo = new UndoService(Journal, Rollback, new EngineEventFeed(NullLogger<EngineEventFeed>.Instance), TimeProvider.System, NullLogger<UndoService>.Instance);
    }

    public TestHealingConfig Config { get; } = new();

    public RollbackStorage Storage { get; }

    public InMemoryActionJournal Journal { get; }

    public RollbackExecutor Rollback { get; }

    public ActionExecutor Executor { get; }

    public UndoService Undo { get; }

    /// <summary>What Anna runs at start-up for actions a crash cut off.</summary>
    public JournalRecovery Recovery { get; }

    /// <summary>Runs the action as the engine would after a person approved it: journaled, with its rollback steps.</summary>
    public async Task<(HistoryEntry Entry, ActionResult Result, RollbackSnapshot Snapshot)> RunAsync(Issue issue, IHealingAction action)
    {
        var decision = new Decision(DecisionKind.Execute, "approved by the test", ConsentLevel.Explicit);
        var intent = HistoryEntries.For(issue, action, decision, HealingPolicy.Supervised, ActionOutcome.InProgress, TimeProvider.System.GetUtcNow());
        var (entry, result) = await Executor.ExecuteAsync(issue, action, intent);
        var record = await Journal.GetAsync(entry.Id, CancellationToken.None) ?? throw new InvalidOperationException($"#{entry.Id} is not in the journal");
        return (entry, result, record.Snapshot);
    }

    public void Dispose()
    {
        if (Directory.Exists(Storage.DataDirectory))
            Directory.Delete(Storage.DataDirectory, recursive: true);
    }
}
