namespace Anna.Core.Policy;

/// <summary>
/// A change to the policy: the new value of each setting asked for, the rest kept as in force. Values
/// are TOML-shaped (names as strings, whole numbers as long), not as <see cref="HealingOptions"/> holds
/// them, so that a value the file would refuse (hour 24, a misspelt category) reaches the editor and is
/// refused there with the file's own message, rather than being lost or clamped on the way.
/// </summary>
public sealed class PolicyUpdate
{
    private readonly Dictionary<PolicySetting, object> _values;

    private PolicyUpdate(Dictionary<PolicySetting, object> values) => _values = values;

    /// <summary>Nothing to change.</summary>
    public static PolicyUpdate None { get; } = new([]);

    /// <summary>The settings asked for and their values, in no particular order.</summary>
    public IReadOnlyDictionary<PolicySetting, object> Values => _values;

    public bool IsEmpty => _values.Count == 0;

    /// <summary>
    /// This update with <paramref name="setting"/> set to <paramref name="value"/>. Only an
    /// <see cref="PolicySetting.Editable"/> setting may be changed from outside the file.
    /// </summary>
    public PolicyUpdate With(PolicySetting setting, object value)
    {
        ArgumentNullException.ThrowIfNull(setting);
        ArgumentNullException.ThrowIfNull(value);
        if (!setting.Editable)
            throw new ArgumentException($"{setting.Key} is read from the policy file only", nameof(setting));
        return new PolicyUpdate(new Dictionary<PolicySetting, object>(_values) { [setting] = value });
    }

    /// <summary>The value asked for <paramref name="key"/>, or null when the update keeps it.</summary>
    public object? ValueOf(string key) => _values.FirstOrDefault(v => v.Key.Key == key).Value;
}
