using System.Text.RegularExpressions;

namespace Anna.Core.Linux.Packages.Apt;

/// <summary>
/// Reads what <c>apt-get -s</c> says it would do: "Inst name [old] (new …)" for an upgrade,
/// "Inst name (new …)" for a new package, "Remv name [old]" / "Purg name [old]" for a removal.
/// A trailing "[pkg:arch ]" lists packages the change breaks. "Conf" lines repeat the "Inst"
/// ones and are ignored.
/// </summary>
public static partial class AptSimulation
{
    [GeneratedRegex(@"^Inst (?<name>[^\s:]+)(:\S+)? (\[(?<old>[^\]]+)\] )?\((?<new>\S+)")]
    private static partial Regex InstLine();

    [GeneratedRegex(@"^(Remv|Purg) (?<name>[^\s:]+)(:\S+)?( \[(?<old>[^\]]+)\])?( .*)?$")]
    private static partial Regex RemoveLine();

    public static IReadOnlyList<PackageVersionChange> Parse(string output)
    {
        var changes = new List<PackageVersionChange>();
        foreach (var raw in output.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (InstLine().Match(line) is { Success: true } inst && PackageName.TryParse(inst.Groups["name"].Value, out var installed, out _))
                changes.Add(new PackageVersionChange(installed, Optional(inst.Groups["old"]), inst.Groups["new"].Value));
            else if (RemoveLine().Match(line) is { Success: true } remove && PackageName.TryParse(remove.Groups["name"].Value, out var removed, out _))
                changes.Add(new PackageVersionChange(removed, Optional(remove.Groups["old"]), null));
        }
        return changes;
    }

    private static string? Optional(Group group) => group.Success ? group.Value : null;
}
