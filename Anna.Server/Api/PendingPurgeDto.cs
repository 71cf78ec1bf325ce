using Anna.Core.Rollback;

namespace Anna.Server.Api;

/// <summary>Quarantined bytes on one filesystem, used on the disk until their actions expire or the disk turns critical.</summary>
/// <param name="Actions">History ids of the actions that can still be undone with these files.</param>
public sealed record PendingPurgeDto(string? MountPoint, string Device, long PendingPurgeBytes, int Files, IReadOnlyList<long> Actions)
{
    public static PendingPurgeDto From(PendingPurge pending) =>
        new(pending.MountPoint, pending.Device, pending.Bytes, pending.Files, pending.Actions);
}
