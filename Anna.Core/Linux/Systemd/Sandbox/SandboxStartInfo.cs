using System.Diagnostics;

namespace Anna.Core.Linux.Systemd.Sandbox;

/// <summary>
/// How the sandboxed manager is launched: unshare into a private mount namespace, then the script,
/// all as an argument list with a clean environment of its own.
/// </summary>
internal static class SandboxStartInfo
{
    public static ProcessStartInfo Create(SandboxPrerequisites prerequisites, string root, string script, SandboxCgroups cgroups)
    {
        var info = new ProcessStartInfo(prerequisites.Unshare)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = root,
        };
        foreach (var argument in new[] { "--mount", "--propagation", "private", prerequisites.Shell, script, prerequisites.Systemd })
            info.ArgumentList.Add(argument);
        foreach (var cgroup in cgroups.Directories)
            info.ArgumentList.Add(cgroup);

        // A clean environment: nothing of the host's session leaks in, nothing writes to /root.
        info.Environment.Clear();
        info.Environment["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
        info.Environment["LANG"] = "C.UTF-8";
        info.Environment["HOME"] = Directory.CreateDirectory(Path.Combine(root, "home")).FullName;
        info.Environment["XDG_RUNTIME_DIR"] = Path.Combine(root, "run");
        info.Environment["XDG_CONFIG_HOME"] = Directory.CreateDirectory(Path.Combine(root, "config")).FullName;
        info.Environment["XDG_DATA_HOME"] = Directory.CreateDirectory(Path.Combine(root, "data")).FullName;
        info.Environment["XDG_STATE_HOME"] = Directory.CreateDirectory(Path.Combine(root, "state")).FullName;
        info.Environment["XDG_CACHE_HOME"] = Directory.CreateDirectory(Path.Combine(root, "cache")).FullName;
        return info;
    }
}
