namespace Anna.Core.Approvals;

/// <summary>An approval or rejection that cannot be done (unknown id, already decided, expired), with why.</summary>
public sealed class ApprovalException(Guid id, string reason) : Exception($"approval {id}: {reason}")
{
    public Guid Id { get; } = id;

    public string Reason { get; } = reason;
}
