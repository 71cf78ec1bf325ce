using Anna.Core.Engine;
using Anna.Core.Policy;
using Anna.Core.Rollback;

namespace Anna.Server.Api;

/// <summary>GET /api/v1/health.</summary>
/// <param name="Healing">Whether automatic healing is on, and the maintenance window right now.</param>
/// <param name="PendingPurge">Per filesystem, the bytes files kept for undo (quarantined files, backups) still take there (kept for undo, freed when purged).</param>
public sealed record HealthDto(string State, IReadOnlyList<IssueDto> Issues, IReadOnlyDictionary<string, string> Watching,
    HealingStatusDto Healing, DateTimeOffset At, IReadOnlyList<PendingPurgeDto> PendingPurge)
{
    public static HealthDto From(HealthReport report, HealingStatusDto healing, IReadOnlyList<PendingPurge> pendingPurge) =>
        new(JsonNames.State(report.State), report.Issues.Select(IssueDto.From).ToList(), report.Watching, healing, report.At,
            pendingPurge.Select(PendingPurgeDto.From).ToList());
}

/// <summary>Automatic healing on or off, and when non-urgent fixes may run.</summary>
public sealed record HealingStatusDto(bool Enabled, string Policy, bool WindowOpen, DateTimeOffset? NextWindow, string Window)
{
    public static HealingStatusDto From(HealingSwitch healing, HealingOptions options, TimeProvider time)
    {
        var now = time.GetUtcNow();
        var window = new MaintenanceWindow(options.Schedule, time.LocalTimeZone);
        return new(healing.Enabled, JsonNames.Snake(options.Policy), window.IsOpen(now), window.NextOpening(now), window.Explain(now));
    }
}
