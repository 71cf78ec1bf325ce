using Anna.Core.Vocabulary;
using Anna.Core.Issues;
using Anna.Core.Policy;

namespace Anna.Core.Tests.Policy;

public sealed class UrgencyTests
{
    private static Issue Issue(string kind, IssueSeverity severity) =>
        new(kind, "subject", severity, "summary", new Dictionary<string, string>(), DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

    [Theory]
    [InlineData(IssueKind.FailedService, IssueSeverity.Warning, ActionCategory.ServiceRestart)]
    [InlineData(IssueKind.FailedService, IssueSeverity.Info, ActionCategory.ServiceRestart)]
    [InlineData(IssueKind.LowDisk, IssueSeverity.Critical, ActionCategory.CacheCleanup)]
    [InlineData(IssueKind.LogSize, IssueSeverity.Critical, ActionCategory.LogRotation)]
    public void A_failed_service_or_a_critical_issue_is_healed_at_once(string kind, IssueSeverity severity, ActionCategory category)
    {
        Assert.True(Urgency.IsUrgent(Issue(kind, severity), category));
    }

    [Theory]
    [InlineData(IssueKind.OutdatedPackages, IssueSeverity.Warning, ActionCategory.PackageUpdate)]
    [InlineData(IssueKind.PackageCache, IssueSeverity.Warning, ActionCategory.CacheCleanup)]
    [InlineData(IssueKind.LowDisk, IssueSeverity.Warning, ActionCategory.CacheCleanup)]
    [InlineData(IssueKind.OrphanPackages, IssueSeverity.Info, ActionCategory.OrphanRemoval)]
    [InlineData(IssueKind.LogSize, IssueSeverity.Warning, ActionCategory.LogRotation)]
    [InlineData(IssueKind.KernelUpdate, IssueSeverity.Warning, ActionCategory.KernelUpdate)]
    public void Everything_else_waits_for_the_maintenance_window(string kind, IssueSeverity severity, ActionCategory category)
    {
        Assert.False(Urgency.IsUrgent(Issue(kind, severity), category));
    }
}
