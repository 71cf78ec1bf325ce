using System.Globalization;

namespace Anna.Core.Linux.ProcFs;

/// <summary>Who this process acts as, from /proc/self/status ("Uid:  real  effective  saved  fs").</summary>
public static class ProcessIdentity
{
    private static readonly Lazy<uint> Effective = new(() => ParseEffectiveUid(File.ReadAllText("/proc/self/status")));

    /// <summary>The effective user id: the owner of every file and directory this process creates.</summary>
    public static uint EffectiveUid => Effective.Value;

    public static uint ParseEffectiveUid(string status)
    {
        foreach (var line in status.Split('\n'))
        {
            if (!line.StartsWith("Uid:", StringComparison.Ordinal))
                continue;
            var fields = line["Uid:".Length..].Split(['\t', ' '], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length >= 2 && uint.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var uid))
                return uid;
        }
        throw new FormatException("no effective uid in the process status");
    }
}
