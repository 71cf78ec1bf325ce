namespace Anna.Server.Api;

/// <summary>All REST endpoints under /api/v1.</summary>
public static class AnnaApi
{
    public static IEndpointRouteBuilder MapAnnaApi(this IEndpointRouteBuilder app)
    {
        // Reading needs a viewer, changing an operator, unless an endpoint asks for more (admin).
        var v1 = app.MapGroup("/api/v1");
        ((IEndpointConventionBuilder)v1).Add(endpoint =>
        {
            var method = endpoint.Metadata.OfType<Microsoft.AspNetCore.Routing.HttpMethodMetadata>().FirstOrDefault()?.HttpMethods.FirstOrDefault() ?? "POST";
            endpoint.Metadata.Add(new Microsoft.AspNetCore.Authorization.AuthorizeAttribute(Anna.Server.Security.AnnaPolicies.ForMethod(method)));
        });
        v1.MapHealthApi();
        v1.MapHistoryApi();
        v1.MapStatsApi();
        v1.MapInsightsApi();
        v1.MapUndoApi();
        v1.MapConfigApi();
        v1.MapHealingApi();
        v1.MapApprovalsApi();
        v1.MapBreakerApi();
        v1.MapSessionsApi();
        v1.MapPolicyApi();
        v1.MapLearnedWindowApi();
        v1.MapForecastApi();
        v1.MapForecastSelfCheckApi();
        v1.MapProbesApi();
        v1.MapTokensApi();
        v1.MapAuditApi();
        v1.MapWebhooksApi();
        v1.MapNoticesApi();
        v1.MapEventsApi();
        app.MapAuthApi(v1);
        return app;
    }
}
