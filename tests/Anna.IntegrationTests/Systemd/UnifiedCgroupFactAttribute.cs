namespace Anna.IntegrationTests.Systemd;

/// <summary>
/// A test that needs the unified cgroup hierarchy (cgroup v2): only there does the kernel count OOM
/// kills per control group (<c>memory.events</c>), which systemd reads to report <c>Result=oom-kill</c>.
/// On a cgroup v1 machine it is reported as skipped, saying why.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class UnifiedCgroupFactAttribute : FactAttribute
{
    public UnifiedCgroupFactAttribute()
    {
        if (!File.Exists("/sys/fs/cgroup/cgroup.controllers"))
            Skip = "this machine mounts cgroup v1 at /sys/fs/cgroup: the kernel reports no per-unit OOM kill there, so systemd cannot say Result=oom-kill";
    }
}
