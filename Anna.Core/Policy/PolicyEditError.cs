namespace Anna.Core.Policy;

/// <summary>
/// Why an edit was not written. <see cref="Key"/> is the healing.toml key at fault (the <see cref="PolicySetting.Key"/> of one of
/// <see cref="PolicySettings.All"/>), <see cref="Item"/> the position in the list that was sent when one
/// item of a list is at fault. An error about the file itself names <see cref="PolicyEditError.FileKey"/>
/// and, like the errors of a rejected file, has a 1-based line and column.
/// </summary>
public sealed record PolicyEditError(string Key, int? Item, string Message, int? Line = null, int? Column = null)
{
    /// <summary>What an error about the policy file as a whole (owner, mode, writing it) names instead of a key.</summary>
    public const string FileKey = "(file)";

    public override string ToString() =>
        (Line is { } line ? $"({line},{Column}) " : "") + (Item is { } item ? $"{Key}[{item}]" : Key) + $": {Message}";
}
