using Anna.Core.Rollback;

namespace Anna.Server.Api;

/// <summary>Whether undo would run now (UndoService.CheckAsync) and, if not, why: the line beside an undo button.</summary>
public sealed record UndoCheckDto(bool Available, string Status, string Detail, IReadOnlyList<DriftDto> Drifts)
{
    public static UndoCheckDto From(UndoResult check) => new(
        check.Status == UndoStatus.Available, JsonNames.Snake(check.Status), check.Detail, check.Drifts.Select(DriftDto.From).ToList());
}
