namespace Anna.Core.Linux.Systemd.Sandbox;

/// <summary>
/// The few steps that must run inside the new mount namespace, between unshare and exec. Inputs
/// arrive as positional arguments, never spliced into the text.
/// </summary>
internal static class SandboxScript
{
    public const string FileName = "start-user-manager.sh";

    /// <summary>$1 = systemd binary, $2... = the sandbox's cgroup directories to join.</summary>
    public const string Text = """
        #!/bin/sh
        set -e
        systemd="$1"
        shift
        # Join our own cgroup in every hierarchy before systemd looks at where it runs.
        for cgroup in "$@"; do
            echo $$ > "$cgroup/cgroup.procs"
        done
        # systemd --user refuses to run unless /run/systemd/system exists; this tmpfs lives only
        # in this mount namespace, so the host's /run/systemd is left as it is.
        mount -t tmpfs -o mode=0755 tmpfs /run/systemd
        mkdir -p /run/systemd/system
        exec "$systemd" --user
        """;
}
