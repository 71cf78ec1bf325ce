using Anna.Core.Breaker;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Anna.Server.Api;

/// <summary>Circuit breakers: their state, and a person's reset.</summary>
public static class BreakerApi
{
    public static IEndpointRouteBuilder MapBreakerApi(this IEndpointRouteBuilder api)
    {
        api.MapGet("/breaker", Get);
        api.MapPost("/breaker/reset", ResetAsync);
        return api;
    }

    public static Ok<IReadOnlyList<BreakerDto>> Get(HealingCircuitBreaker breaker) =>
        TypedResults.Ok<IReadOnlyList<BreakerDto>>(breaker.Snapshot().Select(BreakerDto.From).ToList());

    public static async Task<Results<Ok<IReadOnlyList<BreakerDto>>, ValidationProblem>> ResetAsync(
        BreakerResetRequest? body, HealingCircuitBreaker breaker, HttpContext http, CancellationToken cancellationToken)
    {
        var subject = body?.Subject;
        return await breaker.ResetAsync(subject, RequestIdentity.Of(http), cancellationToken) switch
        {
            BreakerResetOutcome.InvalidSubject => Invalid("subject must be 1–255 printable characters, or absent for the global breaker"),
            BreakerResetOutcome.NoSuchBreaker => Invalid($"no circuit breaker for '{subject}'"),
            _ => TypedResults.Ok<IReadOnlyList<BreakerDto>>(breaker.Snapshot().Select(BreakerDto.From).ToList()),
        };
    }

    private static ValidationProblem Invalid(string reason) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["subject"] = [reason] });
}

/// <summary>POST /api/v1/breaker/reset: the subject's breaker, or the global one when absent.</summary>
public sealed record BreakerResetRequest(string? Subject);

public sealed record BreakerDto(string Subject, string State, int Failures, DateTimeOffset? OpenedAt, int Trips)
{
    public static BreakerDto From(BreakerRecord r) => new(r.Subject, JsonNames.Snake(r.State), r.Failures.Count, r.OpenedAt, r.Trips);
}
