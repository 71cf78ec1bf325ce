namespace Anna.Core.Policy;

/// <summary>
/// One healing.toml key, everything every door needs to know of it: the TOML key, the JSON field of
/// the API, its kind, bounds, unit and what it means, and how it is read from and put into
/// <see cref="HealingOptions"/>. The schema, the parser's checks and messages, the writer, the API's
/// GET and PUT, and the Settings page are all made from <see cref="PolicySettings.All"/>, so adding a
/// key is one entry there plus its use.
/// </summary>
/// <param name="Key">The TOML key with its table: "healing.rollback.rollback_timeout".</param>
/// <param name="Field">The JSON field of GET/PUT /api/v1/policy, dotted by object: "rollback.rollbackTimeoutMinutes"; the TOML key for a setting that is not <see cref="Editable"/> (the API does not serve it).</param>
/// <param name="Get">The value in force, TOML-shaped (see <see cref="SettingKind"/>).</param>
/// <param name="Set">The options with this setting changed to a value that passed the setting's checks.</param>
public sealed record PolicySetting(
    string Key,
    string Field,
    SettingKind Kind,
    string Description,
    Func<HealingOptions, object> Get,
    Func<HealingOptions, object, HealingOptions> Set)
{
    /// <summary>Lowest value (or item) allowed, for numbers.</summary>
    public double Min { get; init; }

    /// <summary>Highest value (or item) allowed, for numbers.</summary>
    public double Max { get; init; }

    /// <summary>What the number counts, said after it in messages ("minutes", "percent", "(hour of day)").</summary>
    public string? Unit { get; init; }

    /// <summary>The names a <see cref="SettingKind.Choice"/> or <see cref="SettingKind.ChoiceSet"/> may hold.</summary>
    public IReadOnlyList<string> Choices { get; init; } = [];

    /// <summary>At most this many items, for a <see cref="SettingKind.TextList"/>.</summary>
    public int MaxItems { get; init; } = int.MaxValue;

    /// <summary>Why one item of a <see cref="SettingKind.TextList"/> (or a <see cref="SettingKind.Text"/>) is refused, or null when it is fine.</summary>
    public Func<string, string?> ItemProblem { get; init; } = _ => null;

    /// <summary>
    /// Whether the API and the dashboard may change it. The [probes] thresholds are read from the file
    /// only: they are the admin's view of the machine, not a choice of what Anna may do.
    /// </summary>
    public bool Editable { get; init; } = true;

    /// <summary>The table the key lives in ("healing.schedule" for "healing.schedule.avoid_days").</summary>
    public string Table => Key[..Key.LastIndexOf('.')];

    /// <summary>The key's own name within its table.</summary>
    public string Name => Key[(Key.LastIndexOf('.') + 1)..];

    /// <summary>
    /// Whether two TOML-shaped values of this setting mean the same: lists of names or hours are sets
    /// (order and repeats change nothing Anna does), numbers compare by value.
    /// </summary>
    public bool SameValue(object a, object b) => (a, b) switch
    {
        (IReadOnlyList<string> x, IReadOnlyList<string> y) => x.ToHashSet(StringComparer.Ordinal).SetEquals(y),
        (IReadOnlyList<long> x, IReadOnlyList<long> y) => x.ToHashSet().SetEquals(y),
        _ => Equals(a, b),
    };
}
