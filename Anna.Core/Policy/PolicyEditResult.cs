namespace Anna.Core.Policy;

/// <summary>What became of an edit: written, rejected with the settings at fault, or refused as a whole.</summary>
public sealed record PolicyEditResult(PolicyEditOutcome Outcome, IReadOnlyList<PolicyEditError> Errors, string? Reason)
{
    public static PolicyEditResult Written() => new(PolicyEditOutcome.Written, [], null);

    public static PolicyEditResult Invalid(IReadOnlyList<PolicyEditError> errors)
    {
        if (errors.Count == 0)
            throw new ArgumentException("a rejected edit needs at least one error", nameof(errors));
        return new(PolicyEditOutcome.Invalid, errors, null);
    }

    /// <summary>Refused as a whole; <paramref name="errors"/> holds the problems with the file, when there are some.</summary>
    public static PolicyEditResult Refused(string reason, IReadOnlyList<PolicyEditError>? errors = null) =>
        new(PolicyEditOutcome.Refused, errors ?? [], reason);
}
