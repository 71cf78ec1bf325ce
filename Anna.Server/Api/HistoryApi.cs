using Anna.Core.History;
using Anna.Core.Rollback;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Anna.Server.Api;

/// <summary>What Anna did and proposed, newest first; one entry with its journal side.</summary>
public static class HistoryApi
{
    public const int MaxPageSize = 500;

    public static IEndpointRouteBuilder MapHistoryApi(this IEndpointRouteBuilder api)
    {
        api.MapGet("/history", GetHistory).WithName("GetHistory");
        api.MapGet("/history/{id}", GetEntry).WithName("GetHistoryEntry");
        return api;
    }

    public static async Task<Results<Ok<HistoryPageDto>, ValidationProblem>> GetHistory(
        IHistoryStore store, IActionJournal journal, TimeProvider time, CancellationToken cancellationToken, string? page = null, string? pageSize = null,
        string? issueType = null, string? action = null, string? outcome = null, string? from = null, string? until = null, string? subject = null)
    {
        var errors = new Dictionary<string, string[]>();
        var filter = HistoryQuery.Parse(issueType, action, outcome, from, until, subject, errors);
        // Read as text so that "page=two" is refused naming page, like every other bad value.
        var p = Paging.Number(page, "page", 1, int.MaxValue, 1, errors);
        var size = Paging.Number(pageSize, "pageSize", 1, MaxPageSize, 50, errors);
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors, title: "Invalid history query");
        var result = await store.ListAsync(filter, p, size, cancellationToken);
        var undo = await journal.UndoStatesAsync(result.Items.Select(e => e.Id).ToList(), cancellationToken);
        var now = time.GetUtcNow();
        return TypedResults.Ok(new HistoryPageDto(
            result.Items.Select(e => HistoryEntryDto.From(e, undo.TryGetValue(e.Id, out var u) ? u.At(now) : UndoState.NotUndoable)).ToList(),
            result.Page, result.PageSize, result.Total));
    }

    /// <summary>The entry, and for an action that ran: its rollback steps, undo state and whether undo would run now.</summary>
    public static async Task<Results<Ok<HistoryDetailDto>, ValidationProblem, ProblemHttpResult>> GetEntry(
        string id, IHistoryStore store, IActionJournal journal, UndoService undo, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!HistoryId.TryParse(id, out var historyId, out var invalid))
            return invalid;
        var entry = await store.GetAsync(historyId, cancellationToken);
        if (entry is null)
            return HistoryId.NotFound(historyId);
        var record = await journal.GetAsync(historyId, cancellationToken);
        if (record is null)
            return TypedResults.Ok(HistoryDetailDto.NotJournaled(entry));
        var check = await undo.CheckAsync(historyId, cancellationToken);
        return TypedResults.Ok(HistoryDetailDto.From(record, check, time.GetUtcNow()));
    }
}
