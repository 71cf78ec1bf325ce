using System.Diagnostics;
using Anna.Core.Linux.Processes;

namespace Anna.Core.Linux.Systemd.Sandbox;

/// <summary>
/// The sandbox's own cgroup subtree, one per mounted hierarchy. The user manager must start inside
/// it: a systemd that finds itself in the root cgroup takes the whole tree over and moves every
/// process, PID 1 included, into /init.scope. Teardown kills what is left in it and removes it.
/// </summary>
internal sealed class SandboxCgroups(IReadOnlyList<string> hierarchies, string name)
{
    private const string Root = "/sys/fs/cgroup";

    public string Name { get; } = name;

    /// <summary>The sandbox's cgroup directory in every hierarchy.</summary>
    public IReadOnlyList<string> Directories { get; } = hierarchies.Select(h => Path.Combine(h, name)).ToArray();

    public static IReadOnlyList<string> FindHierarchies()
    {
        if (!Directory.Exists(Root))
            throw new SandboxUnavailableException($"the systemd sandbox needs cgroups mounted at {Root}");
        // Pure cgroup v2: the root itself is the only hierarchy.
        if (File.Exists(Path.Combine(Root, "cgroup.procs")))
            return [Root];
        var hierarchies = Directory.GetDirectories(Root)
            .Where(d => File.Exists(Path.Combine(d, "cgroup.procs")))
            .Order(StringComparer.Ordinal)
            .ToArray();
        if (hierarchies.Length == 0)
            throw new SandboxUnavailableException($"no cgroup hierarchy found under {Root}");
        return hierarchies;
    }

    public void Create()
    {
        foreach (var dir in Directories)
        {
            Directory.CreateDirectory(dir);
            // A new cpuset cgroup starts with no CPUs and no memory nodes; nothing could run in it.
            var parent = Path.GetDirectoryName(dir)!;
            CopyIfPresent(parent, dir, "cpuset.cpus");
            CopyIfPresent(parent, dir, "cpuset.mems");
        }
    }

    /// <summary>Every process left in the subtree of any hierarchy.</summary>
    public HashSet<int> Processes()
    {
        var pids = new HashSet<int>();
        foreach (var dir in Directories)
        {
            foreach (var cgroup in SubtreeDeepestFirst(dir))
            {
                try
                {
                    foreach (var line in File.ReadLines(Path.Combine(cgroup, "cgroup.procs")))
                    {
                        if (int.TryParse(line, out var pid))
                            pids.Add(pid);
                    }
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // Removed while we looked; nothing to collect from it.
                }
            }
        }
        return pids;
    }

    /// <summary>SIGKILLs what is left until the subtree is empty, then removes it deepest first.</summary>
    public async Task DestroyAsync(TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        var seen = new HashSet<int>();
        while (Processes() is { Count: > 0 } pids)
        {
            if (deadline.Elapsed > timeout)
                throw new IOException($"processes {string.Join(", ", pids)} did not leave cgroup {Name}");
            foreach (var pid in pids)
                KillProcess(pid);
            seen.UnionWith(pids);
            await Task.Delay(20).ConfigureAwait(false);
            OrphanReaper.Reap(seen);
        }
        foreach (var dir in Directories)
            await RemoveTreeAsync(dir, deadline, timeout).ConfigureAwait(false);
    }

    public static void KillProcess(int pid)
    {
        // cgroup.procs lists only pids of our namespace, never 0; the guard in ProcessSignals
        // makes sure a misread can never become a signal to a whole process group.
        if (pid > 1 && pid != Environment.ProcessId)
            ProcessSignals.Kill(pid);
    }

    private static async Task RemoveTreeAsync(string dir, Stopwatch deadline, TimeSpan timeout)
    {
        foreach (var cgroup in SubtreeDeepestFirst(dir))
        {
            while (Directory.Exists(cgroup))
            {
                try
                {
                    // On cgroupfs rmdir removes a cgroup with its control files; it fails while busy.
                    Directory.Delete(cgroup);
                }
                catch (IOException) when (deadline.Elapsed < timeout)
                {
                    await Task.Delay(20).ConfigureAwait(false);
                }
            }
        }
    }

    private static List<string> SubtreeDeepestFirst(string dir)
    {
        var result = new List<string>();
        Collect(dir, result);
        return result;

        static void Collect(string dir, List<string> result)
        {
            if (!Directory.Exists(dir))
                return;
            try
            {
                foreach (var child in Directory.GetDirectories(dir))
                    Collect(child, result);
            }
            catch (DirectoryNotFoundException)
            {
                return;
            }
            result.Add(dir);
        }
    }

    private static void CopyIfPresent(string from, string to, string file)
    {
        var source = Path.Combine(from, file);
        if (File.Exists(source))
            File.WriteAllText(Path.Combine(to, file), File.ReadAllText(source).Trim());
    }
}
