using System.Diagnostics;
using Anna.Core.Linux.Systemd.Sandbox;

namespace Anna.IntegrationTests.Systemd;

/// <summary>A sandbox whose owner died without tearing it down is cleared by the next sandbox's start.</summary>
[Collection(SystemdCollection.Name)]
public sealed class StaleSandboxTests
{
    [Fact]
    public async Task A_dead_owners_cgroups_and_what_runs_in_them_are_removed()
    {
        var deadPid = await DeadPidAsync();
        var name = $"anna-sandbox-{deadPid}-1";
        var hierarchies = Directory.GetDirectories("/sys/fs/cgroup").Where(d => File.Exists(Path.Combine(d, "cgroup.procs"))).ToList();
        using var leftover = Process.Start(new ProcessStartInfo("/bin/sleep") { ArgumentList = { "300" } })!;
        foreach (var hierarchy in hierarchies)
        {
            var dir = Path.Combine(hierarchy, name);
            Directory.CreateDirectory(dir);
            foreach (var file in new[] { "cpuset.cpus", "cpuset.mems" })
            {
                if (File.Exists(Path.Combine(hierarchy, file)))
                    File.WriteAllText(Path.Combine(dir, file), File.ReadAllText(Path.Combine(hierarchy, file)));
            }
            File.WriteAllText(Path.Combine(dir, "cgroup.procs"), leftover.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        await using (await UserManagerSandbox.StartAsync("stale-check", CancellationToken.None))
        {
        }

        Assert.All(hierarchies, h => Assert.False(Directory.Exists(Path.Combine(h, name)), $"{name} left in {h}"));
        Assert.True(leftover.WaitForExit(5000), "the process left in the stale sandbox was not stopped");
    }

    /// <summary>The pid of a process that has just exited, so no owner answers to it.</summary>
    private static async Task<int> DeadPidAsync()
    {
        using var gone = Process.Start(new ProcessStartInfo("/bin/true"))!;
        await gone.WaitForExitAsync();
        return gone.Id;
    }
}
