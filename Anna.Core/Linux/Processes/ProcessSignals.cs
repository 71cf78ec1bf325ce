using System.Runtime.InteropServices;

namespace Anna.Core.Linux.Processes;

/// <summary>
/// SIGKILL (or SIGTERM) for one process, by pid, refusing the pids that mean something else to kill(2):
/// 0 is the caller's whole process group, -1 every process, negative numbers a group, 1 init.
/// <c>Process.GetProcessById(0)</c> happily returns a "process 0" whose Kill() is kill(0, SIGKILL),
/// which is why nothing in Anna or its tests kills through it.
/// </summary>
public static class ProcessSignals
{
    private const int SigKill = 9;
    private const int SigTerm = 15;
    private const int NoSuchProcess = 3; // ESRCH

    /// <summary>Sends SIGKILL to <paramref name="pid"/>; false when it was already gone.</summary>
    /// <exception cref="ArgumentOutOfRangeException">pid is not one ordinary process other than ourselves.</exception>
    public static bool Kill(long pid) => Send(pid, SigKill, "SIGKILL");

    /// <summary>Sends SIGTERM, asking <paramref name="pid"/> to stop; false when it was already gone.</summary>
    /// <exception cref="ArgumentOutOfRangeException">pid is not one ordinary process other than ourselves.</exception>
    public static bool Terminate(long pid) => Send(pid, SigTerm, "SIGTERM");

    private static bool Send(long pid, int signal, string name)
    {
        if (pid <= 1 || pid > int.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(pid), pid, "refusing to signal a pid that is not one ordinary process (0 is the process group, 1 is init)");
        if (pid == Environment.ProcessId)
            throw new ArgumentOutOfRangeException(nameof(pid), pid, $"refusing to {name} this process itself");
        if (SendSignal((int)pid, signal) == 0)
            return true;
        var errno = Marshal.GetLastPInvokeError();
        if (errno == NoSuchProcess)
            return false;
        throw new IOException($"kill({pid}, {name}) failed: {Marshal.GetPInvokeErrorMessage(errno)}");
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);
}
