using Anna.Core.Rollback;

namespace Anna.Server.Api;

/// <summary>
/// What an undo request did: status undone or failed (it ran: the steps say what each did, and
/// undoEntryId is the undo's own history row), or a refusal (nothing was changed) with its reason
/// and, for drift, what drifted.
/// </summary>
public sealed record UndoResultDto(
    long Id,
    string Status,
    bool Refused,
    string Detail,
    IReadOnlyList<DriftDto> Drifts,
    IReadOnlyList<StepOutcomeDto> Steps,
    long? UndoEntryId)
{
    public static UndoResultDto From(UndoResult r) => new(
        r.Id, JsonNames.Snake(r.Status), r.Refused, r.Detail,
        r.Drifts.Select(DriftDto.From).ToList(), r.Steps.Select(StepOutcomeDto.From).ToList(), r.UndoEntryId);
}
