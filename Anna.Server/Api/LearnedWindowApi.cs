using Anna.Core.Insights;
using Anna.Core.Policy;
using Anna.Core.Samples;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Anna.Server.Api;

/// <summary>
/// Maintenance windows learned from activity. <c>GET /api/v1/schedule/learned</c> shows the proposal
/// with its evidence; <c>POST /api/v1/schedule/learned/apply</c> (admin, as every policy edit) writes
/// it into [healing.schedule] through the same <see cref="IPolicyEditor"/> as <c>PUT /api/v1/policy</c>:
/// validated, written keeping comments, journaled in history as an undoable edit.
/// </summary>
public static class LearnedWindowApi
{
    public static IEndpointRouteBuilder MapLearnedWindowApi(this IEndpointRouteBuilder api)
    {
        api.MapGet("/schedule/learned", GetAsync).WithName("GetLearnedWindow");
        api.MapPost("/schedule/learned/apply", ApplyAsync).WithName("ApplyLearnedWindow").RequireAuthorization(Anna.Server.Security.AnnaPolicies.Admin);
        return api;
    }

    public static async Task<Ok<LearnedWindowDto>> GetAsync(ISampleStore samples, IHealingConfig config, TimeProvider time, CancellationToken cancellationToken)
    {
        var window = await LearnedWindowRead.ReadAsync(samples, time.LocalTimeZone, time.GetUtcNow(), cancellationToken);
        return TypedResults.Ok(LearnedWindowDto.Of(window, config.Current));
    }

    public static async Task<Results<Ok<LearnedWindowDto>, ValidationProblem, ProblemHttpResult>> ApplyAsync(
        HttpContext http, ISampleStore samples, IHealingConfig config, IPolicyEditor editor, TimeProvider time, CancellationToken cancellationToken)
    {
        var window = await LearnedWindowRead.ReadAsync(samples, time.LocalTimeZone, time.GetUtcNow(), cancellationToken);
        if (window.Schedule is not { } proposed)
            return TypedResults.Problem(window.Reason, statusCode: StatusCodes.Status409Conflict, title: "No learned window to apply");
        var update = LearnedWindowUpdate.For(proposed, config.Current);
        if (update.IsEmpty)
            return TypedResults.Ok(LearnedWindowDto.Of(window, config.Current)); // already in force: nothing written, nothing to undo
        var result = await editor.EditAsync(update, RequestIdentity.Of(http), cancellationToken);
        switch (result.Outcome)
        {
            case PolicyEditOutcome.Written:
                return TypedResults.Ok(LearnedWindowDto.Of(window, config.Current));
            case PolicyEditOutcome.Invalid:
                var errors = result.Errors.GroupBy(PolicyJson.FieldOf).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal);
                return TypedResults.ValidationProblem(errors, detail: string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")), title: "Invalid policy");
            default:
                return TypedResults.Problem(result.Reason, statusCode: StatusCodes.Status409Conflict, title: "The policy file cannot be written");
        }
    }
}
