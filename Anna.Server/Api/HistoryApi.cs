using Anna.Core.History;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Anna.Server.Api;

/// <summary>What Anna did and proposed, newest first.</summary>
public static class HistoryApi
{
    public const int MaxPageSize = 500;

    public static IEndpointRouteBuilder MapHistoryApi(this IEndpointRouteBuilder api)
    {
        api.MapGet("/history", GetHistory).WithName("GetHistory");
        return api;
    }

    public static async Task<Results<Ok<HistoryPageDto>, ValidationProblem>> GetHistory(
        IHistoryStore store, CancellationToken cancellationToken, int page = 1, int pageSize = 50)
    {
        var errors = new Dictionary<string, string[]>();
        if (page < 1)
            errors["page"] = ["page counts from 1"];
        if (pageSize is < 1 or > MaxPageSize)
            errors["pageSize"] = [$"pageSize must be between 1 and {MaxPageSize}"];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors, title: "Invalid paging");
        var result = await store.ListAsync(page, pageSize, cancellationToken);
        return TypedResults.Ok(new HistoryPageDto(
            result.Items.Select(HistoryEntryDto.From).ToList(), result.Page, result.PageSize, result.Total));
    }
}
