using System.Globalization;

namespace Anna.Bench;

/// <summary>
/// A process's resident memory from /proc/PID/status, in KiB: all of it (VmRSS), the part that is
/// its own (RssAnon: heaps, stacks, JIT code) and the part that maps files (RssFile: shared
/// libraries and assemblies, which the kernel can drop and share) and shared memory (RssShmem: with
/// W^X on, the runtime keeps its JIT code, stubs and type data in a memfd).
/// </summary>
internal sealed record ProcessMemory(long VmRssKiB, long RssAnonKiB, long RssFileKiB, long RssShmemKiB)
{
    public static ProcessMemory Read(int pid)
    {
        var fields = File.ReadLines($"/proc/{pid}/status")
            .Select(l => l.Split(':', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1].Trim());
        return new ProcessMemory(KiB(fields, "VmRSS"), KiB(fields, "RssAnon"), KiB(fields, "RssFile"), KiB(fields, "RssShmem"));
    }

    public static string Mib(long kib) => string.Create(CultureInfo.InvariantCulture, $"{kib / 1024.0:0.0}");

    private static long KiB(Dictionary<string, string> fields, string name) =>
        long.Parse(fields[name].Split(' ')[0], CultureInfo.InvariantCulture);
}
