using Anna.Core.Policy;

namespace Anna.Dashboard.Editing;

/// <summary>The errors of the last save, looked up by healing.toml key so each is shown next to its field.</summary>
public sealed class EditErrors
{
    private readonly IReadOnlyList<PolicyEditError> _errors;

    public EditErrors(IReadOnlyList<PolicyEditError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        _errors = errors;
    }

    public static EditErrors None { get; } = new([]);

    public int Count => _errors.Count;

    public bool Has(string key) => _errors.Any(e => e.Key == key);

    public IReadOnlyList<PolicyEditError> For(string key) => [.. _errors.Where(e => e.Key == key)];

    /// <summary>The messages for <paramref name="key"/> in one line, for an input's error text; null when there are none.</summary>
    public string? Text(string key) => Has(key) ? string.Join("; ", For(key).Select(e => e.Message)) : null;

    /// <summary>These errors without the ones about <paramref name="keys"/>.</summary>
    public EditErrors Without(IReadOnlyList<string> keys) =>
        _errors.Any(e => keys.Contains(e.Key)) ? new EditErrors([.. _errors.Where(e => !keys.Contains(e.Key))]) : this;

    /// <summary>Errors with no field on the page (about the file itself, or a key the page does not show).</summary>
    public IReadOnlyList<PolicyEditError> Except(IReadOnlySet<string> keysShown) => [.. _errors.Where(e => !keysShown.Contains(e.Key))];
}
