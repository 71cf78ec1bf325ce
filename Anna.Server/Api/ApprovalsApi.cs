using Anna.Core.Approvals;
using Anna.Core.Engine;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Anna.Server.Api;

/// <summary>The approval queue: list, approve, reject.</summary>
public static class ApprovalsApi
{
    public static IEndpointRouteBuilder MapApprovalsApi(this IEndpointRouteBuilder api)
    {
        api.MapGet("/approvals", ListAsync);
        api.MapPost("/approvals", DecideAsync);
        return api;
    }

    public static async Task<Results<Ok<IReadOnlyList<ApprovalDto>>, ValidationProblem>> ListAsync(
        ApprovalQueue approvals, CancellationToken cancellationToken, string? status = "pending")
    {
        ApprovalStatus? filter = null;
        if (status is not (null or "" or "all"))
        {
            if (!Enum.TryParse<ApprovalStatus>(status, ignoreCase: true, out var parsed) || int.TryParse(status, out _))
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["status"] = ["status must be one of pending, approved, rejected, expired, all"] });
            filter = parsed;
        }
        var list = await approvals.ListAsync(filter, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<ApprovalDto>>(list.Select(ApprovalDto.From).ToList());
    }

    public static async Task<Results<Ok<IReadOnlyList<ApprovalOutcomeDto>>, ValidationProblem>> DecideAsync(
        ApprovalDecisionRequest? body, HealingRequests requests, HttpContext http)
    {
        var errors = new Dictionary<string, string[]>();
        if (body is null)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["a JSON body with ids and decision is required"] });
        if (body.Ids is null || body.Ids.Count == 0)
            errors["ids"] = ["name at least one approval id"];
        if (body.Decision is not ("approve" or "reject"))
            errors["decision"] = ["decision must be approve or reject"];
        if (body.PerSession && body.Decision == "reject")
            errors["perSession"] = ["per-session consent applies to approvals only"];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors, title: "Invalid approval decision");
        var outcomes = await requests.DecideAsync(body.Ids!, body.Decision == "approve", body.PerSession, RequestIdentity.Of(http), ActionToken.Of(http));
        return TypedResults.Ok<IReadOnlyList<ApprovalOutcomeDto>>(outcomes.Select(ApprovalOutcomeDto.From).ToList());
    }
}
