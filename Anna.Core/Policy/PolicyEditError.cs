namespace Anna.Core.Policy;

/// <summary>
/// Why an edit was not written. <see cref="Key"/> is the healing.toml key at fault (one of
/// <see cref="PolicyKeys"/>), <see cref="Item"/> the position in the list that was sent when one
/// item of a list is at fault. An error about the file itself names <see cref="PolicyKeys.File"/>
/// and, like the errors of a rejected file, has a 1-based line and column.
/// </summary>
public sealed record PolicyEditError(string Key, int? Item, string Message, int? Line = null, int? Column = null)
{
    public override string ToString() =>
        (Line is { } line ? $"({line},{Column}) " : "") + (Item is { } item ? $"{Key}[{item}]" : Key) + $": {Message}";
}
