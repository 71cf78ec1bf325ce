using Anna.Core.Actions;
using Anna.Core.Approvals;
using Anna.Core.Breaker;
using Anna.Core.Engine;
using Anna.Core.Events;
using Anna.Core.Policy;
using Microsoft.Extensions.Logging.Abstractions;

namespace Anna.Testing;

/// <summary>
/// The engine wired as the host wires it — real board, feed, breaker, decisions, runner, approval
/// queue — with in-memory stores, for tests of the engine's logic and of pages that show it.
/// </summary>
public sealed class EngineRig
{
    public EngineRig(IHealingConfig config, IEnumerable<IHealingAction> actions, TimeProvider time)
    {
        Config = config;
        Time = time;
        Feed = new EngineEventFeed(NullLogger<EngineEventFeed>.Instance);
        Breaker = new HealingCircuitBreaker(BreakerStore, config, time, NullLogger<HealingCircuitBreaker>.Instance);
        Switch = new HealingSwitch(SwitchStore);
        var decisions = new DecisionMaker(config, Breaker, Switch, time);
        var runner = new ActionRunner(History, Feed, Breaker, config, time, NullLogger<ActionRunner>.Instance);
        Approvals = new ApprovalQueue(ApprovalStore, History, Feed, config, time);
        Engine = new HealingEngine(Board, new ActionCatalog(actions), config, History, Sessions, Feed, Watch, decisions, runner,
            Approvals, time, NullLogger<HealingEngine>.Instance);
        Requests = new HealingRequests(Engine, decisions, runner, Approvals, History, Feed, config, time);
    }

    public IHealingConfig Config { get; }

    public TimeProvider Time { get; }

    public IssueBoard Board { get; } = new();

    public WatchStatus Watch { get; } = new();

    public EngineEventFeed Feed { get; }

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
