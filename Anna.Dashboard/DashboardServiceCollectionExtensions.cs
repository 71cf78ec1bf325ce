using MudBlazor.Services;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers what the dashboard needs to render; the engine's own services are the host's job.</summary>
public static class DashboardServiceCollectionExtensions
{
    /// <summary>
    /// Adds Razor components with interactive server rendering and MudBlazor's services.
    /// The host must also register the singletons the pages inject: HealingEngine, IHistoryStore,
    /// EngineEventFeed, IHealingConfig, IPolicyEditor, WatchStatus, ApprovalQueue, HealingRequests, ISessionStore,
    /// HealingCircuitBreaker, IActionJournal, UndoService and TimeProvider.
    /// </summary>
    public static IServiceCollection AddAnnaDashboard(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        // Pages show and hide actions by the signed-in person's role, and record their name.
        services.AddCascadingAuthenticationState();
        return services;
    }
}
