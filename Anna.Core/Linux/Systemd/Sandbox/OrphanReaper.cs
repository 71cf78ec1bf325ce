using System.Runtime.InteropServices;

namespace Anna.Core.Linux.Systemd.Sandbox;

/// <summary>
/// Makes the process that owns sandboxes a child subreaper, so that a sandbox process orphaned
/// when its manager exits (a dbus-daemon socket-activated during shutdown, say) is re-parented to
/// us rather than to the machine's PID 1 — which, in a container, may never reap it. We then
/// reap exactly the pids we saw in the sandbox's cgroups; pids the runtime started itself are
/// never waited for here.
/// </summary>
internal static partial class OrphanReaper
{
    private const int PrSetChildSubreaper = 36;
    private const int WNoHang = 1;

    private static int s_enabled;

    public static void Enable()
    {
        if (Interlocked.Exchange(ref s_enabled, 1) == 0)
            _ = Prctl(PrSetChildSubreaper, 1, 0, 0, 0);
    }

    /// <summary>Collects the exit status of these pids if they are our (adopted) zombies.</summary>
    public static void Reap(IEnumerable<int> pids)
    {
        foreach (var pid in pids)
            _ = WaitPid(pid, out _, WNoHang);
    }

    [DllImport("libc", EntryPoint = "prctl", SetLastError = true)]
    private static extern int Prctl(int option, ulong arg2, ulong arg3, ulong arg4, ulong arg5);

    [DllImport("libc", EntryPoint = "waitpid", SetLastError = true)]
    private static extern int WaitPid(int pid, out int status, int options);
}
