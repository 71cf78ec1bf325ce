using Anna.Core.Actions;
using Anna.Core.Approvals;
using Anna.Core.Breaker;
using Anna.Core.Engine;
using Anna.Core.Events;
using Anna.Core.Policy;
using Anna.Core.Rollback;
using Microsoft.Extensions.Logging.Abstractions;

namespace Anna.Testing;

/// <summary>
/// The engine wired as the host wires it — real board, feed, breaker, decisions, runner, approval
/// queue — with in-memory stores, for tests of the engine's logic and of pages that show it.
/// </summary>
public sealed class EngineRig
{
    /// <param name="undoers">How rollback steps are undone; tests whose actions record steps pass their own.</param>
    public EngineRig(IHealingConfig config, IEnumerable<IHealingAction> actions, TimeProvider time, IEnumerable<IStepUndoer>? undoers = null)
    {
        Config = config;
        Time = time;
        Journal = new InMemoryActionJournal(History);
        Rollback = new RollbackExecutor(undoers ?? []);
        Undo = new UndoService(Journal, Rollback, Feed, time, NullLogger<UndoService>.Instance);
        Breaker = new HealingCircuitBreaker(BreakerStore, config, time, NullLogger<HealingCircuitBreaker>.Instance);
        Switch = new HealingSwitch(SwitchStore);
        var decisions = new DecisionMaker(config, Breaker, Switch, time);
        var executor = new ActionExecutor(Journal, Rollback, NoFaults.Instance, Storage, config, time);
        var runner = new ActionRunner(executor, Feed, Breaker, config, time, NullLogger<ActionRunner>.Instance);
        Approvals = new ApprovalQueue(ApprovalStore, History, Feed, config, time);
        Engine = new HealingEngine(Board, new ActionCatalog(actions), config, History, Sessions, Feed, Watch, decisions, runner,
            Approvals, time, NullLogger<HealingEngine>.Instance);
        Requests = new HealingRequests(Engine, decisions, runner, Approvals, History, Feed, config, time);
    }

    public IHealingConfig Config { get; }

    public TimeProvider Time { get; }

    public IssueBoard Board { get; } = new();

    public WatchStatus Watch { get; } = new();

    public EngineEventFeed Feed { get; } = new(NullLogger<EngineEventFeed>.Instance);

    public InMemoryActionJournal Journal { get; }

    public RollbackExecutor Rollback { get; }

    public UndoService Undo { get; }

    /// <summary>Backups and quarantine of the rig's actions: a directory of its own, made when first used.</summary>
    public RollbackStorage Storage { get; } = new(Path.Combine(Path.GetTempPath(), $"anna-rig-{Guid.NewGuid():N}"));

    public InMemoryHistoryStore History { get; } = new();

    public InMemorySessionStore Sessions { get; } = new();

    public InMemoryApprovalStore ApprovalStore { get; } = new();

    public InMemoryBreakerStore BreakerStore { get; } = new();

    public InMemorySwitchStore SwitchStore { get; } = new();

    public HealingCircuitBreaker Breaker { get; }

    public HealingSwitch Switch { get; }

    public ApprovalQueue Approvals { get; }

    public HealingEngine Engine { get; }

    public HealingRequests Requests { get; }
}
