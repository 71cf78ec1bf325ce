using Anna.Core.Actions;
using Anna.Core.Approvals;
using Anna.Core.Breaker;
using Anna.Core.Engine;
using Anna.Core.Events;
using Anna.Core.Policy;
using Anna.Core.Rollback;
using Anna.Core.History;
using Anna.Core.Sessions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
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
        // The host's own wiring (AddAnnaCore); the rig brings only in-memory stores and quiet logs.
        var services = new ServiceCollection()
            .AddSingleton(config).AddSingleton(time)
            .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance).AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
            .AddSingleton<IHistoryStore>(History).AddSingleton<ISessionStore>(Sessions).AddSingleton<IApprovalStore>(ApprovalStore)
            .AddSingleton<IBreakerStore>(BreakerStore).AddSingleton<IHealingSwitchStore>(SwitchStore)
            .AddSingleton<IActionJournal>(Journal).AddSingleton<IFaultInjector>(NoFaults.Instance).AddSingleton(Storage)
            .AddAnnaCore();
        foreach (var action in actions)
            services.AddSingleton(action);
        foreach (var undoer in undoers ?? [])
            services.AddSingleton(undoer);
        Services = services.BuildServiceProvider();
        Board = Services.GetRequiredService<IssueBoard>();
        Watch = Services.GetRequiredService<WatchStatus>();
        Feed = Services.GetRequiredService<EngineEventFeed>();
        Rollback = Services.GetRequiredService<RollbackExecutor>();
        Undo = Services.GetRequiredService<UndoService>();
        Breaker = Services.GetRequiredService<HealingCircuitBreaker>();
        Switch = Services.GetRequiredService<HealingSwitch>();
        Approvals = Services.GetRequiredService<ApprovalQueue>();
        Engine = Services.GetRequiredService<HealingEngine>();
        Requests = Services.GetRequiredService<HealingRequests>();
    }

    /// <summary>Everything the rig wired, for tests that need one more piece of it.</summary>
    public IServiceProvider Services { get; }

    public IHealingConfig Config { get; }

    public TimeProvider Time { get; }

    public IssueBoard Board { get; }

    public WatchStatus Watch { get; }

    public EngineEventFeed Feed { get; }

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
