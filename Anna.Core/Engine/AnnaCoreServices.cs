using Anna.Core.Actions;
using Anna.Core.Approvals;
using Anna.Core.Breaker;
using Anna.Core.Events;
using Anna.Core.Insights;
using Anna.Core.Rollback;
using Microsoft.Extensions.DependencyInjection;

namespace Anna.Core.Engine;

/// <summary>
/// How the engine is put together, once: the host and the test rig both call <see cref="AddAnnaCore"/>,
/// so the rig cannot drift from what runs on a machine. The caller brings what differs between them:
/// the stores, the policy, the clock, logging, the fault seam, where rollback keeps its files, the
/// actions and the undoers.
/// </summary>
public static class AnnaCoreServices
{
    public static IServiceCollection AddAnnaCore(this IServiceCollection services)
    {
        services.AddSingleton<EngineEventFeed>();
        services.AddSingleton<IssueBoard>();
        services.AddSingleton<WatchStatus>();
        services.AddSingleton(sp => new ActionCatalog(sp.GetServices<IHealingAction>()));
        services.AddSingleton<HealingCircuitBreaker>();
        services.AddSingleton<HealingSwitch>();
        services.AddSingleton<CategoryTrust>();
        services.AddSingleton<DecisionMaker>();
        services.AddSingleton(sp => new RollbackExecutor(sp.GetServices<IStepUndoer>()));
        services.AddSingleton<ActionExecutor>();
        services.AddSingleton<UndoService>();
        services.AddSingleton<ActionRunner>();
        services.AddSingleton<ApprovalQueue>();
        services.AddSingleton<HealingEngine>();
        services.AddSingleton<HealingRequests>();
        services.AddSingleton<UnitSignals>();
        return services;
    }
}
