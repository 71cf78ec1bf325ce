using System.Globalization;

namespace Anna.Bench;

/// <summary>
/// A process's resident memory from /proc/PID/status, in KiB: all of it (VmRSS), the part that is
/// its own (RssAnon: heaps, stacks, JIT code) and the part that maps files (RssFile: shared
/// libraries and assemblies, which the kernel can drop and share) and shared memory (RssShmem: with
/// W^X on, the runtime keeps its JIT code, stubs and type data in a memfd). Private_Dirty, from
/// /proc/PID/smaps_rollup, is what the process wrote and nobody else shares: the memory it would
/// give back only by freeing it.
/// </summary>
internal sealed record ProcessMemory(long VmRssKiB, long RssAnonKiB, long RssFileKiB, long RssShmemKiB)
{
    /// <summary>Private_Dirty from smaps_rollup; -1 where it cannot be read.</summary>
    public long PrivateDirtyKiB { get; init; } = -1;

    public static ProcessMemory Read(int pid)
    {
        var fields = Fields($"/proc/{pid}/status");
        return new ProcessMemory(KiB(fields, "VmRSS"), KiB(fields, "RssAnon"), KiB(fields, "RssFile"), KiB(fields, "RssShmem"))
        {
            PrivateDirtyKiB = PrivateDirty(pid),
        };
    }

    public static string Mib(long kib) => kib < 0 ? "-" : string.Create(CultureInfo.InvariantCulture, $"{kib / 1024.0:0.0}");

    private static long PrivateDirty(int pid)
    {
        try
        {
            return KiB(Fields($"/proc/{pid}/smaps_rollup"), "Private_Dirty");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or KeyNotFoundException)
        {
            return -1;
        }
    }

    private static Dictionary<string, string> Fields(string path) =>
        File.ReadLines(path)
            .Select(l => l.Split(':', 2))
            .Where(p => p.Length == 2)
            .GroupBy(p => p[0])
            .ToDictionary(g => g.Key, g => g.First()[1].Trim());

    private static long KiB(Dictionary<string, string> fields, string name) =>
        long.Parse(fields[name].Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], CultureInfo.InvariantCulture);
}
