using Anna.Core.Approvals;

namespace Anna.Dashboard.Components.Approvals;

/// <summary>
/// Two reads of the queue give new records for the same request; a selection must survive a live
/// refresh, so requests are the same when their ids are.
/// </summary>
public sealed class SameRequest : IEqualityComparer<ApprovalRequest>
{
    public static readonly SameRequest Instance = new();

    public bool Equals(ApprovalRequest? x, ApprovalRequest? y) => x?.Id == y?.Id;

    public int GetHashCode(ApprovalRequest obj) => obj.Id.GetHashCode();
}
