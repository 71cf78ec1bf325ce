using System.Globalization;

namespace Anna.Core.Linux.Packages.Pacman;

/// <summary>
/// Reads what pacman prints (under LC_ALL=C.UTF-8, which the process runner sets). Lines that do
/// not have the expected shape, or name a package Anna would not accept, are skipped rather than
/// guessed at.
/// </summary>
public static class PacmanOutput
{
    private static readonly string[] SizeUnits = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];

    /// <summary>
    /// <c>pacman -Qu</c>: "name old -> new". Entries marked " [ignored]" are the administrator's
    /// IgnorePkg and are left out: Anna does not offer what the host has ruled out.
    /// </summary>
    public static IReadOnlyList<PackageUpdate> ParseUpgradable(string output)
    {
        var updates = new List<PackageUpdate>();
        foreach (var fields in Lines(output))
        {
            if (fields.Length != 4 || fields[2] != "->" || !PackageName.TryParse(fields[0], out var name, out _))
                continue;
            updates.Add(new PackageUpdate(name, fields[1], fields[3], PacmanKernel.IsKernel(name.Value)));
        }
        return updates;
    }

    /// <summary><c>pacman -Q</c> and <c>--print-format "%n %v"</c>: "name version" per line.</summary>
    public static IReadOnlyList<(PackageName Name, string Version)> ParseNameVersions(string output)
    {
        var packages = new List<(PackageName, string)>();
        foreach (var fields in Lines(output))
        {
            if (fields.Length == 2 && PackageName.TryParse(fields[0], out var name, out _))
                packages.Add((name, fields[1]));
        }
        return packages;
    }

    /// <summary><c>pacman -Qdtq</c>: one name per line.</summary>
    public static IReadOnlyList<PackageName> ParseNames(string output) =>
        [.. Lines(output).Where(f => f.Length == 1 && PackageName.TryParse(f[0], out _, out _)).Select(f => PackageName.Parse(f[0]))];

    /// <summary><c>pacman -Qi</c>: blocks of "Field : value" separated by blank lines.</summary>
    public static IReadOnlyList<InstalledPackage> ParseInfo(string output)
    {
        var packages = new List<InstalledPackage>();
        string? name = null, version = null;
        long? size = null;
        void Flush()
        {
            if (name is not null && version is not null && PackageName.TryParse(name, out var parsed, out _))
                packages.Add(new InstalledPackage(parsed, version, size));
            (name, version, size) = (null, null, null);
        }

        foreach (var raw in output.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Trim().Length == 0)
            {
                Flush();
                continue;
            }
            var colon = line.IndexOf(" : ", StringComparison.Ordinal);
            // Continuation lines of wrapped lists start with spaces and carry no field name.
            if (colon <= 0 || char.IsWhiteSpace(line[0]))
                continue;
            var value = line[(colon + 3)..].Trim();
            switch (line[..colon].Trim())
            {
                case "Name": name = value; break;
                case "Version": version = value; break;
                case "Installed Size": size = ParseSize(value); break;
            }
        }
        Flush();
        return packages;
    }

    /// <summary>pacman's human sizes, "4.00 B", "1.50 KiB", "2.30 MiB"; null when unreadable.</summary>
    public static long? ParseSize(string value)
    {
        var parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            return null;
        var unit = Array.IndexOf(SizeUnits, parts[1]);
        return unit < 0 ? null : (long)Math.Round(number * Math.Pow(1024, unit));
    }

    private static IEnumerable<string[]> Lines(string output) =>
        output.Split('\n')
            .Select(line => line.Split([' ', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length > 0);
}
