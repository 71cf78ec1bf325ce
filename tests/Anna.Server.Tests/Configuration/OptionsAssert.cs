using Anna.Core.Policy;

namespace Anna.Server.Tests.Configuration;

/// <summary>Compares options by value; the records hold sets and lists, which compare by reference.</summary>
internal static class OptionsAssert
{
    public static void Equal(HealingOptions expected, HealingOptions actual)
    {
        Assert.Equal(expected.Policy, actual.Policy);
        Assert.Equal(expected.MaxActionsPerSession, actual.MaxActionsPerSession);
        Assert.True(expected.RequireApproval.SetEquals(actual.RequireApproval), "require_approval differs");
        Assert.True(expected.AutoHeal.SetEquals(actual.AutoHeal), "auto_heal differs");
        Assert.True(expected.NeverAutoHeal.SetEquals(actual.NeverAutoHeal), "never_auto_heal differs");
        Assert.Equal(expected.ScanIntervalSeconds, actual.ScanIntervalSeconds);
        Assert.Equal(expected.SettleSeconds, actual.SettleSeconds);
        Assert.Equal(expected.Schedule.PreferredHours, actual.Schedule.PreferredHours);
        Assert.Equal(expected.Schedule.AvoidHours, actual.Schedule.AvoidHours);
        Assert.Equal(expected.Schedule.PreferredDays, actual.Schedule.PreferredDays);
        Assert.Equal(expected.Schedule.AvoidDays, actual.Schedule.AvoidDays);
        Assert.Equal(expected.Rollback, actual.Rollback);
        Assert.Equal(expected.CircuitBreaker, actual.CircuitBreaker);
        Assert.Equal(expected.Probes.Disk, actual.Probes.Disk);
        Assert.Equal(expected.Probes.Logs.Paths, actual.Probes.Logs.Paths);
        Assert.Equal(expected.Probes.Logs.MaxFileMegabytes, actual.Probes.Logs.MaxFileMegabytes);
        Assert.Equal(expected.Probes.Logs.MaxAgeDays, actual.Probes.Logs.MaxAgeDays);
        Assert.Equal(expected.Probes.Logs.JournalMaxMegabytes, actual.Probes.Logs.JournalMaxMegabytes);
        Assert.Equal(expected.Probes.Memory, actual.Probes.Memory);
    }
}
