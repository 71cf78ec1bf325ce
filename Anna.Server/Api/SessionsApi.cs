using Anna.Core.Engine;
using Anna.Core.Sessions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Anna.Server.Api;

/// <summary>Healing sessions, newest first.</summary>
public static class SessionsApi
{
    public static IEndpointRouteBuilder MapSessionsApi(this IEndpointRouteBuilder api)
    {
        api.MapGet("/sessions", ListAsync);
        return api;
    }

    public static async Task<Results<Ok<IReadOnlyList<SessionDto>>, ValidationProblem>> ListAsync(
        ISessionStore sessions, CancellationToken cancellationToken, string? page = null, string? pageSize = null)
    {
        var errors = new Dictionary<string, string[]>();
        var p = Paging.Number(page, "page", 1, int.MaxValue, 1, errors);
        var size = Paging.Number(pageSize, "pageSize", 1, HistoryApi.MaxPageSize, 50, errors);
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors, title: "Invalid paging");
        var list = await sessions.ListAsync(p, size, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<SessionDto>>(list.Select(SessionDto.From).ToList());
    }
}

public sealed record SessionDto(Guid Id, string Trigger, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, string StateBefore,
    string? StateAfter, int IssuesSeen, int Executed, int Succeeded, int Failed, int Suggested, int Queued, int OverBudget)
{
    public static SessionDto From(HealingSessionRecord s) => new(s.Id, JsonNames.Snake(s.Trigger), s.StartedAt, s.FinishedAt,
        JsonNames.State(s.StateBefore), s.StateAfter is { } after ? JsonNames.State(after) : null, s.IssuesSeen, s.Executed,
        s.Succeeded, s.Failed, s.Suggested, s.Queued, s.OverBudget);
}
