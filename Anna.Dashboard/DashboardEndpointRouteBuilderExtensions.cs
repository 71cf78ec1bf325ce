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
    /// <para>
    /// Since .NET 10, _framework/blazor.web.js is a static web asset that the SDK adds only to web
    /// projects that contain .razor files or set <c>RequiresAspNetWebAssets</c>; a host without
    /// .razor files of its own must set that property to true, or the dashboard never turns interactive.
    /// Running from build output outside Development also needs <c>WebHost.UseStaticWebAssets()</c>
    /// (a published app has the files in wwwroot and needs nothing).
    /// </para>
    /// </summary>
    public static RazorComponentsEndpointConventionBuilder MapAnnaDashboard(this WebApplication app)
    {
        app.UseAntiforgery();
        app.MapStaticAssets();
        return app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
    }
}
