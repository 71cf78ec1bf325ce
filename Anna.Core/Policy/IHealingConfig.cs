namespace Anna.Core.Policy;

/// <summary>
/// The policy in force. The host keeps it current (file watching, API edits); a bad edit keeps
/// the last good options and exposes the error instead.
/// </summary>
public interface IHealingConfig
{
    HealingOptions Current { get; }

    /// <summary>Path of the policy file, or null when running on built-in defaults.</summary>
    string? Path { get; }

    /// <summary>Errors of the last load attempt that was rejected; empty when the file on disk is in force.</summary>
    IReadOnlyList<ConfigError> Errors { get; }

    /// <summary>Raised after a new good config is in force or a bad edit was rejected.</summary>
    event Action? Changed;
}
