namespace Anna.Server.Api;

/// <summary>All REST endpoints under /api/v1.</summary>
public static class AnnaApi
{
    public static IEndpointRouteBuilder MapAnnaApi(this IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup("/api/v1");
        v1.MapHealthApi();
        v1.MapHistoryApi();
        v1.MapUndoApi();
        v1.MapConfigApi();
        v1.MapHealingApi();
        v1.MapApprovalsApi();
        v1.MapBreakerApi();
        v1.MapSessionsApi();
        v1.MapPolicyApi();
        v1.MapProbesApi();
        return app;
    }
}
