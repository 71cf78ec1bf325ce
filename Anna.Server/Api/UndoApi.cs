using Anna.Core.Policy;
using Anna.Core.Rollback;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Anna.Server.Api;

/// <summary>
/// Undo of journaled actions, through <see cref="UndoService"/>: one action by its history id, or
/// the newest N. A refusal changes nothing and says why: 404 when there is no such action, 409
/// when it is running, already undone, expired, has nothing to undo, or the machine drifted since.
/// </summary>
public static class UndoApi
{
    public static IEndpointRouteBuilder MapUndoApi(this IEndpointRouteBuilder api)
    {
        api.MapPost("/history/{id}/undo", UndoAsync).WithName("UndoAction");
        api.MapPost("/history/undo", UndoLastAsync).WithName("UndoLastActions");
        return api;
    }

    /// <param name="force">Overrides drift of files only (a file changed since the action); never a unit's or a package's.</param>
    public static async Task<Results<Ok<UndoResultDto>, ValidationProblem, ProblemHttpResult>> UndoAsync(
        string id, UndoService undo, HttpContext http, string? force = null)
    {
        var errors = new Dictionary<string, string[]>();
        var validId = HistoryId.TryParse(id, out var historyId, out _);
        if (!validId)
            errors["id"] = [$"id must be a history id (a whole number from 1)"];
        if (!TryParseFlag(force, out var forced))
            errors["force"] = ["force must be true or false"];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors, title: "Invalid undo request");

        var result = await undo.UndoAsync(historyId, RequestIdentity.Of(http), forced, ActionToken.Of(http));
        return result.Refused ? Refusal(result) : TypedResults.Ok(UndoResultDto.From(result));
    }

    /// <summary>Undoes the newest <paramref name="last"/> undoable actions, newest first; stops at the first that cannot be undone (it is the last item).</summary>
    public static async Task<Results<Ok<IReadOnlyList<UndoResultDto>>, ValidationProblem>> UndoLastAsync(
        UndoService undo, IHealingConfig config, HttpContext http, string? last = null, string? force = null)
    {
        // history_size bounds how many actions are kept undoable, so a larger N could never do more.
        var bound = config.Current.Rollback.HistorySize;
        var errors = new Dictionary<string, string[]>();
        if (last is null)
            errors["last"] = [$"last is required: how many of the newest undoable actions to undo (1 to {bound}, the history_size)"];
        else if (!int.TryParse(last, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) || n < 1 || n > bound)
            errors["last"] = [$"last must be a whole number from 1 to {bound} (the history_size)"];
        if (!TryParseFlag(force, out var forced))
            errors["force"] = ["force must be true or false"];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors, title: "Invalid undo request");

        var results = await undo.UndoLastAsync(int.Parse(last!, System.Globalization.CultureInfo.InvariantCulture), RequestIdentity.Of(http), forced, ActionToken.Of(http));
        return TypedResults.Ok<IReadOnlyList<UndoResultDto>>(results.Select(UndoResultDto.From).ToList());
    }

    private static ProblemHttpResult Refusal(UndoResult refused)
    {
        var dto = UndoResultDto.From(refused);
        var (code, title) = refused.Status switch
        {
            UndoStatus.NotFound => (StatusCodes.Status404NotFound, "Not found"),
            UndoStatus.InProgress => (StatusCodes.Status409Conflict, "The action is still running"),
            UndoStatus.AlreadyUndone => (StatusCodes.Status409Conflict, "Already undone"),
            UndoStatus.Expired => (StatusCodes.Status409Conflict, "No longer undoable"),
            UndoStatus.NotUndoable => (StatusCodes.Status409Conflict, "Nothing to undo"),
            UndoStatus.Drifted => (StatusCodes.Status409Conflict, "The machine changed since the action"),
            _ => (StatusCodes.Status409Conflict, "Undo refused"),
        };
        // "status" is ProblemDetails' own (the HTTP code): the undo's status goes by its own name.
        return TypedResults.Problem(dto.Detail, statusCode: code, title: title, extensions: new Dictionary<string, object?>
        {
            ["id"] = dto.Id,
            ["undoStatus"] = dto.Status,
            ["drifts"] = dto.Drifts,
        });
    }

    private static bool TryParseFlag(string? raw, out bool value)
    {
        value = false;
        return raw is null or "" || bool.TryParse(raw, out value);
    }
}
