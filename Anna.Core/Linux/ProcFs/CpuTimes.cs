using System.Globalization;

namespace Anna.Core.Linux.ProcFs;

/// <summary>
/// The first ("cpu") line of /proc/stat: time all CPUs spent since boot, in clock ticks.
/// <see cref="Idle"/> counts idle and iowait (a CPU waiting on a disk could run something else);
/// <see cref="Total"/> every field up to steal (guest time is already inside user and nice).
/// </summary>
public sealed record CpuTimes(ulong Idle, ulong Total)
{
    public static CpuTimes? Parse(string text)
    {
        foreach (var line in text.Split('\n'))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 5 || fields[0] != "cpu")
                continue;
            var values = new List<ulong>();
            foreach (var field in fields.Skip(1).Take(8))
            {
                if (!ulong.TryParse(field, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
                    return null;
                values.Add(value);
            }
            var idle = values[3] + (values.Count > 4 ? values[4] : 0);
            return new CpuTimes(idle, values.Aggregate(0UL, (a, v) => a + v));
        }
        return null;
    }

    /// <summary>The share of the time between <paramref name="earlier"/> and this reading the CPUs were busy, in percent; null when no time passed or the counters went back (a reboot in between).</summary>
    public double? BusyPercentSince(CpuTimes earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        if (Total <= earlier.Total || Idle < earlier.Idle)
            return null;
        var total = (double)(Total - earlier.Total);
        var idle = (double)(Idle - earlier.Idle);
        return Math.Clamp(100 * (total - idle) / total, 0, 100);
    }
}
