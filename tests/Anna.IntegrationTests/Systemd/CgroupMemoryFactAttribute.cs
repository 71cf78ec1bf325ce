namespace Anna.IntegrationTests.Systemd;

/// <summary>
/// A test that needs systemd to know a unit's memory (<c>MemoryCurrent</c>): the kernel's cgroup memory
/// controller, in the unified hierarchy (cgroup v2) or as a cgroup v1 memory hierarchy. On a machine
/// with neither it is reported as skipped, saying why.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class CgroupMemoryFactAttribute : FactAttribute
{
    public CgroupMemoryFactAttribute()
    {
        if (!Unified() && !File.Exists("/sys/fs/cgroup/memory/memory.usage_in_bytes"))
            Skip = "this machine has no cgroup memory controller (neither cgroup v2 with \"memory\" in /sys/fs/cgroup/cgroup.controllers " +
                   "nor a cgroup v1 memory hierarchy): systemd reports no MemoryCurrent for a unit, so there is no memory to forecast";
    }

    private static bool Unified()
    {
        try
        {
            return File.ReadAllText("/sys/fs/cgroup/cgroup.controllers").Split(' ', StringSplitOptions.TrimEntries).Contains("memory");
        }
        catch (IOException)
        {
            return false;
        }
    }
}
