namespace Anna.Server.Persistence;

/// <summary>
/// A row of <c>settings</c>: a value a person changed at run time (not in healing.toml), with
/// who changed it and when, so that the change outlives the process and can be explained.
/// </summary>
public sealed class SettingRow
{
    public required string Key { get; set; }
    public required string Value { get; set; }
    public required string ChangedBy { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
}
