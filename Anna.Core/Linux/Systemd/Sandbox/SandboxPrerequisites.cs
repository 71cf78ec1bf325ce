namespace Anna.Core.Linux.Systemd.Sandbox;

/// <summary>What a sandboxed user manager needs from the host, checked before anything is touched.</summary>
internal sealed record SandboxPrerequisites(string Unshare, string Systemd, string Shell, IReadOnlyList<string> CgroupHierarchies)
{
    public static SandboxPrerequisites Check()
    {
        if (!Environment.IsPrivilegedProcess)
            throw new SandboxUnavailableException("the systemd sandbox needs root: it creates cgroups and a private mount namespace");
        var unshare = FirstExisting("unshare (util-linux)", "/usr/bin/unshare", "/bin/unshare");
        var systemd = FirstExisting("systemd", "/lib/systemd/systemd", "/usr/lib/systemd/systemd");
        var shell = FirstExisting("a POSIX shell", "/bin/sh", "/usr/bin/sh");
        if (!Directory.Exists("/run/systemd"))
            throw new SandboxUnavailableException("the systemd sandbox needs /run/systemd to exist as a mount point for its private tmpfs");
        return new SandboxPrerequisites(unshare, systemd, shell, SandboxCgroups.FindHierarchies());
    }

    private static string FirstExisting(string what, params string[] candidates) =>
        Array.Find(candidates, File.Exists)
        ?? throw new SandboxUnavailableException($"the systemd sandbox needs {what}; none of {string.Join(", ", candidates)} exists");
}
