using Anna.Core.Engine;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Anna.Server.Api;

/// <summary>Turning automatic healing on and off, the healable list, and healing chosen items.</summary>
public static class HealingApi
{
    public static IEndpointRouteBuilder MapHealingApi(this IEndpointRouteBuilder api)
    {
        api.MapPost("/healing/enable", (HealingSwitch healing, HttpContext http, CancellationToken ct) => SetAsync(healing, true, http, ct));
        api.MapPost("/healing/disable", (HealingSwitch healing, HttpContext http, CancellationToken ct) => SetAsync(healing, false, http, ct));
        api.MapGet("/healing/list", ListAsync);
        api.MapPost("/auto-heal", HealAsync);
        return api;
    }

    public static async Task<Ok<HealingSwitchDto>> SetAsync(HealingSwitch healing, bool enabled, HttpContext http, CancellationToken cancellationToken)
    {
        var by = RequestIdentity.Of(http);
        await healing.SetAsync(enabled, by, cancellationToken);
        return TypedResults.Ok(new HealingSwitchDto(healing.Enabled, by));
    }

    public static async Task<Ok<IReadOnlyList<HealableIssueDto>>> ListAsync(HealingRequests requests, CancellationToken cancellationToken)
    {
        var list = await requests.HealableAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<HealableIssueDto>>(list.Select(HealableIssueDto.From).ToList());
    }

    public static async Task<Results<Ok<HealingPlanDto>, ValidationProblem>> HealAsync(
        AutoHealRequest? body, HealingRequests requests, HttpContext http)
    {
        body ??= new AutoHealRequest(null, false);
        try
        {
            var plan = await requests.HealAsync(body.Items, body.DryRun, RequestIdentity.Of(http), ActionToken.Of(http));
            return TypedResults.Ok(HealingPlanDto.From(plan));
        }
        catch (HealingRequestException ex)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [ex.Field] = [ex.Reason] }, title: "Unknown item");
        }
    }
}
