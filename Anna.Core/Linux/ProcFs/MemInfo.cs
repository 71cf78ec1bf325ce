using System.Globalization;

namespace Anna.Core.Linux.ProcFs;

/// <summary>Parses /proc/meminfo ("MemAvailable:    123456 kB") into bytes per field.</summary>
public static class MemInfo
{
    public const string DefaultPath = "/proc/meminfo";

    public static IReadOnlyDictionary<string, long> Parse(string text)
    {
        var fields = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
                continue;
            var parts = line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 0 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
                continue;
            // The kernel writes "kB" and means KiB; HugePages_* counters carry no unit.
            var multiplier = parts.Length > 1 && parts[1] == "kB" ? 1024L : 1L;
            fields.TryAdd(line[..colon].Trim(), value * multiplier);
        }
        return fields;
    }
}
