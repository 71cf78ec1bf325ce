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
        ISessionStore sessions, CancellationToken cancellationToken, int page = 1, int pageSize = 50)
    {
        var errors = new Dictionary<string, string[]>();
        if (page < 1)
            errors["page"] = ["page counts from 1"];
        if (pageSize is < 1 or > HistoryApi.MaxPageSize)
            errors["pageSize"] = [$"pageSize must be between 1 and {HistoryApi.MaxPageSize}"];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors, title: "Invalid paging");
        var list = await sessions.ListAsync(page, pageSize, cancellationToken);
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
