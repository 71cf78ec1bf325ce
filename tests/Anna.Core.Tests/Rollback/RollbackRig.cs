using Anna.Core.Actions;
using Anna.Core.Engine;
using Anna.Core.Events;
using Anna.Core.History;
using Anna.Core.Issues;
using Anna.Core.Policy;
using Anna.Core.Rollback;
using Anna.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Anna.Core.Tests.Rollback;

/// <summary>The rollback machinery wired over in-memory stores and a <see cref="UnitLedger"/>.</summary>
internal sealed class RollbackRig
{
    public RollbackRig(RollbackOptions? rollback = null, IFaultInjector? faults = null)
    {
        Config = new TestHealingConfig(new HealingOptions { Rollback = rollback ?? new RollbackOptions() });
        Journal = new InMemoryActionJournal(History);
        Executor = new RollbackExecutor([Ledger]);
        var storage = new RollbackStorage(Path.Combine(Path.GetTempPath(), "anna-rollback-rig-unused"));
        Actions = new ActionExecutor(Journal, Executor, faults ?? NoFaults.Instance, storage, Config, Time);
        Recovery = new JournalRecovery(Journal, Executor, Config, Time, NullLogger<JournalRecovery>.Instance);
        Undo = new UndoService(Journal, Executor, Feed, Time, NullLogger<UndoService>.Instance);
        Retention = new RollbackRetention(Journal, Executor, Config, Time, NullLogger<RollbackRetention>.Instance);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));

    public TestHealingConfig Config { get; }

    public InMemoryHistoryStore History { get; } = new();

    public InMemoryActionJournal Journal { get; }

    public UnitLedger Ledger { get; } = new();

    public RollbackExecutor Executor { get; }

    public ActionExecutor Actions { get; }

    public JournalRecovery Recovery { get; }

    public UndoService Undo { get; }

    public RollbackRetention Retention { get; }

    public EngineEventFeed Feed { get; } = new(NullLogger<EngineEventFeed>.Instance);

    public static Issue Issue(string subject = "web.service") =>
        new(IssueKind.FailedService, subject, IssueSeverity.Critical, $"{subject} failed", new Dictionary<string, string>(),
            DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

    public StartingAction Action(bool succeeds, params string[] units) => new(Ledger, Journal, succeeds, units);

    /// <summary>Runs the action through the executor as the engine would; returns the history id.</summary>
    public async Task<long> RunAsync(IHealingAction action, string subject = "web.service")
    {
        var issue = Issue(subject);
        var intent = HistoryEntries.For(issue, action, new Decision(DecisionKind.Execute, "test", ConsentLevel.Implied),
            HealingPolicy.Supervised, ActionOutcome.InProgress, Time.GetUtcNow());
        var (entry, _) = await Actions.ExecuteAsync(issue, action, intent);
        return entry.Id;
    }

    public async Task<JournalRecord> RecordAsync(long id) =>
        await Journal.GetAsync(id, CancellationToken.None) ?? throw new InvalidOperationException($"no record #{id}");
}
