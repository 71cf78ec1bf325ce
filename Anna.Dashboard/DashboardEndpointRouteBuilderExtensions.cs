using Anna.Dashboard;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Wires the dashboard into the host's request pipeline.</summary>
public static class DashboardEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Adds antiforgery (Razor component endpoints require it), maps the static web assets of the
    /// application (blazor.web.js, MudBlazor's CSS and JS, and any wwwroot of the host) and the
    /// dashboard's pages with interactive server rendering.
    /// Call it after UseAuthentication/UseAuthorization, so antiforgery runs after them, and do not
    /// call UseAntiforgery or MapStaticAssets again: the same assets mapped twice are ambiguous routes.
    /// </summary>
    public static RazorComponentsEndpointConventionBuilder MapAnnaDashboard(this WebApplication app)
    {
        app.UseAntiforgery();
        app.MapStaticAssets();
        return app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
    }
}
