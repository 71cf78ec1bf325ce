using Anna.Core.Linux.Systemd.Sandbox;

namespace Anna.IntegrationTests.Systemd;

[Collection(SystemdCollection.Name)]
public sealed class UserManagerSandboxTests
{
    [Fact]
    public async Task Teardown_leaves_the_host_cgroups_as_they_were()
    {
        var hierarchies = HostCgroups.Hierarchies();
        var pid1Before = File.ReadAllText("/proc/1/cgroup");
        var topLevelBefore = HostCgroups.TopLevel(hierarchies);

        var sandbox = await UserManagerSandbox.StartAsync("teardown", CancellationToken.None);
        var cgroup = sandbox.CgroupName;
        var root = sandbox.RootDirectory;
        var managerPid = sandbox.ManagerPid;
        Assert.All(hierarchies, h => Assert.True(Directory.Exists(Path.Combine(h, cgroup)), $"{cgroup} missing in {h}"));
        Assert.Contains(cgroup, File.ReadAllText($"/proc/{managerPid}/cgroup"));
        Assert.Equal(pid1Before, File.ReadAllText("/proc/1/cgroup"));

        await sandbox.DisposeAsync();

        Assert.Equal(pid1Before, File.ReadAllText("/proc/1/cgroup"));
        Assert.Equal(topLevelBefore, HostCgroups.TopLevel(hierarchies));
        Assert.False(Directory.Exists(root));
        Assert.False(Directory.Exists($"/proc/{managerPid}"));
    }

    private static class HostCgroups
    {
        public static string[] Hierarchies() =>
            File.Exists("/sys/fs/cgroup/cgroup.procs") ? ["/sys/fs/cgroup"] : Directory.GetDirectories("/sys/fs/cgroup").Where(d => File.Exists(Path.Combine(d, "cgroup.procs"))).Order(StringComparer.Ordinal).ToArray();

        public static Dictionary<string, string> TopLevel(string[] hierarchies) =>
            hierarchies.ToDictionary(h => h, h => string.Join("\n", Directory.GetDirectories(h).Order(StringComparer.Ordinal)));
    }
}
