using System.Globalization;
using Anna.Core.Issues;

namespace Anna.Dashboard.Components;

/// <summary>
/// How much disk a heal would give back, read from the issue's evidence as the probe wrote it:
/// reclaimable_bytes (package cache, logs) or, for orphan packages, their installed size.
/// </summary>
public static class Reclaimable
{
    public static long? BytesOf(Issue issue)
    {
        ArgumentNullException.ThrowIfNull(issue);
        var key = issue.Kind == IssueKind.OrphanPackages ? "bytes" : "reclaimable_bytes";
        return issue.Evidence.TryGetValue(key, out var text)
               && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var bytes)
               && bytes > 0
            ? bytes
            : null;
    }
}
