using System.Text.RegularExpressions;

namespace Anna.Core.Linux.Systemd.Sandbox;

/// <summary>
/// Clears what a sandbox leaves behind when its owner dies without tearing it down (killed by a
/// test runner's timeout, say): its cgroups — with whatever still runs in them, often a
/// socket-activated dbus-daemon — and its temporary directory. Only Anna's own names whose owner
/// process is gone are touched; a live owner's sandbox is never disturbed.
/// </summary>
internal static partial class StaleSandboxes
{
    public static async Task RemoveAsync(IReadOnlyList<string> hierarchies)
    {
        var stale = hierarchies
            .SelectMany(h => Directory.EnumerateDirectories(h).Select(Path.GetFileName))
            .OfType<string>()
            .Where(IsStale)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        foreach (var name in stale)
        {
            try
            {
                await new SandboxCgroups(hierarchies, name).DestroyAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            }
            catch (IOException)
            {
                // Left for the next start to try again; a stale sandbox must not stop a new one.
            }
        }
        foreach (var dir in Directory.EnumerateDirectories(Path.GetTempPath(), "anna-sandbox-*"))
        {
            if (IsStale(Path.GetFileName(dir)))
            {
                try
                {
                    Directory.Delete(dir, recursive: true);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                }
            }
        }
    }

    /// <summary>An Anna sandbox name (<c>anna-sandbox-&lt;owner pid&gt;-&lt;n&gt;…</c>) whose owner no longer runs.</summary>
    private static bool IsStale(string name)
    {
        var match = SandboxName().Match(name);
        return match.Success && int.TryParse(match.Groups["pid"].Value, out var pid)
            && pid != Environment.ProcessId && !Directory.Exists($"/proc/{pid}");
    }

    [GeneratedRegex(@"^anna-sandbox-(?<pid>\d+)-\d+(-|$)")]
    private static partial Regex SandboxName();
}
