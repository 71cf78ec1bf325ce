using Anna.Core.Linux;
using System.Globalization;
using System.Text;
using Anna.Core.Linux.Packages;

namespace Anna.Core.Actions;

/// <summary>Writes a <see cref="PackageChange"/> as the structured text an action result carries.</summary>
public static class PackageChangeReport
{
    public static string Format(string headline, PackageChange change)
    {
        var text = new StringBuilder(headline).Append('\n');
        text.Append(CultureInfo.InvariantCulture, $"packages: {change.Packages.Count}\n");
        foreach (var p in change.Packages)
            text.Append(CultureInfo.InvariantCulture, $"  {p.Name} {p.OldVersion ?? "(none)"} → {p.NewVersion ?? "(removed)"}\n");
        text.Append(CultureInfo.InvariantCulture, $"bytes_freed: {change.BytesFreed} ({ByteSize.Format(change.BytesFreed)})\n");
        text.Append(CultureInfo.InvariantCulture, $"duration: {change.Duration.TotalSeconds:0.0} s\n");
        if (change.OutputExcerpt.Length > 0)
            text.Append("output:\n").AppendJoin('\n', change.OutputExcerpt.Split('\n').Select(l => "  " + l));
        return text.ToString().TrimEnd();
    }

    public static ActionResult ToResult(string headline, PackageChange change) =>
        new(change.Succeeded, Format(change.Succeeded ? headline : $"failed: {headline}", change));
}
