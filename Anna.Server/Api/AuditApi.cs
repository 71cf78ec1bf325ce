using Anna.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Anna.Server.Api;

/// <summary><c>GET /api/v1/audit</c>: who changed what, signed in or was refused (admin only), newest first.</summary>
public static class AuditApi
{
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder api)
    {
        api.MapGet("/audit", ListAsync).RequireAuthorization(AnnaPolicies.Admin);
        return api;
    }

    public static async Task<Results<Ok<AuditPageDto>, ValidationProblem>> ListAsync(
        string? who, string? door, string? status, string? from, string? until, string? page, string? pageSize,
        AuditTrail audit, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var p = Paging.Number(page, "page", 1, 1_000_000, 1, errors);
        var size = Paging.Number(pageSize, "pageSize", 1, 500, 50, errors);
        int? code = status is null ? null : Paging.Number(status, "status", 100, 599, 0, errors);
        if (door is not null && door is not ("socket" or "cookie" or "token" or "none"))
            errors["door"] = ["door is socket, cookie, token or none"];
        if (who is { Length: > 100 })
            errors["who"] = ["who is at most 100 characters"];
        var fromAt = Paging.Time(from, "from", errors);
        var untilAt = Paging.Time(until, "until", errors);
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors, title: "Invalid audit query");
        var (items, total) = await audit.ListAsync(new AuditQuery(who, door, code, fromAt, untilAt, p, size), cancellationToken);
        return TypedResults.Ok(new AuditPageDto(items, p, size, total));
    }
}
