namespace Anna.Server.Api;

/// <summary>All REST endpoints under /api/v1.</summary>
public static class AnnaApi
{
    public static IEndpointRouteBuilder MapAnnaApi(this IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup("/api/v1");
        v1.MapHealthApi();
        v1.MapHistoryApi();
        v1.MapConfigApi();
        v1.MapPolicyApi();
        return app;
    }
}
