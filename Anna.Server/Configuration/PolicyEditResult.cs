namespace Anna.Server.Configuration;

/// <summary>What became of an edit: written, rejected with the settings at fault, or refused as a whole.</summary>
public sealed record PolicyEditResult(PolicyEditOutcome Outcome, IReadOnlyList<SettingError> Errors, string? Reason)
{
    public static PolicyEditResult Written() => new(PolicyEditOutcome.Written, [], null);

    public static PolicyEditResult Invalid(IReadOnlyList<SettingError> errors) => new(PolicyEditOutcome.Invalid, errors, null);

    public static PolicyEditResult Refused(string reason) => new(PolicyEditOutcome.Refused, [], reason);
}

public enum PolicyEditOutcome
{
    Written,
    Invalid,
    Refused,
}
