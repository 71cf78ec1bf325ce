using Anna.Core.Actions;
using Anna.Core.History;
using Anna.Core.Issues;
using Anna.Core.Policy;
using Anna.Core.Rollback;
using Anna.Testing;
using Microsoft.Extensions.Time.Testing;
using SharedRig = Anna.Testing.RollbackRig;

namespace Anna.Core.Tests.Rollback;

/// <summary>
/// The shared rollback rig over a <see cref="UnitLedger"/> and a fake clock: the machinery's pure
/// logic, with actions that start ledger units.
/// </summary>
internal sealed class RollbackRig
{
    private readonly SharedRig _rig;

    public RollbackRig(RollbackOptions? rollback = null, IFaultInjector? faults = null)
    {
        _rig = new SharedRig(_ => [Ledger], faults, new TestHealingConfig(new HealingOptions { Rollback = rollback ?? new RollbackOptions() }), Time);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));

    public UnitLedger Ledger { get; } = new();

    public InMemoryHistoryStore History => _rig.History;

    public InMemoryActionJournal Journal => _rig.Journal;

    public JournalRecovery Recovery => _rig.Recovery;

    public UndoService Undo => _rig.Undo;

    public RollbackRetention Retention => _rig.Retention;

    public Anna.Core.Events.EngineEventFeed Feed => _rig.Feed;

    public static Issue Issue(string subject = "web.service") =>
        new(IssueKind.FailedService, subject, IssueSeverity.Critical, $"{subject} failed", new Dictionary<string, string>(),
            DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

    public StartingAction Action(bool succeeds, params string[] units) => new(Ledger, Journal, succeeds, units);

    /// <summary>Runs the action through the executor as the engine would; returns the history id.</summary>
    public async Task<long> RunAsync(IHealingAction action, string subject = "web.service") =>
        (await _rig.ExecuteAsync(action, Issue(subject))).Entry.Id;

    public Task<JournalRecord> RecordAsync(long id) => _rig.RecordAsync(id);
}
