using System.Globalization;

namespace Anna.Core.Linux.ProcFs;

/// <summary>Parses a pressure stall file (/proc/pressure/memory): "some avg10=1.23 avg60=… total=…".</summary>
public static class PressureStall
{
    public const string MemoryPath = "/proc/pressure/memory";

    /// <summary>Under the proc root: CPU and I/O pressure, present on kernels built with PSI (4.20 and later).</summary>
    public const string CpuFile = "pressure/cpu";

    public const string IoFile = "pressure/io";

    /// <summary>The "some" line's avg10 (percent of the last 10 s some task stalled), or null when absent.</summary>
    public static double? SomeAvg10(string text)
    {
        foreach (var line in text.Split('\n'))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0 || fields[0] != "some")
                continue;
            foreach (var field in fields.Skip(1))
            {
                if (field.StartsWith("avg10=", StringComparison.Ordinal)
                    && double.TryParse(field["avg10=".Length..], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
                    return value;
            }
        }
        return null;
    }
}
