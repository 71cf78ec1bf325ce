using Anna.Core.Linux;
using System.Globalization;
using Anna.Core.Issues;
using Anna.Core.Linux.Packages;

namespace Anna.Core.Probes;

/// <summary>Raises an <see cref="IssueKind.OrphanPackages"/> issue when packages installed as dependencies are needed by nothing.</summary>
public sealed class OrphanPackagesProbe(IPackageManager packages, TimeProvider time) : IProbe
{
    public string Name => "orphan_packages";

    public IReadOnlyList<string> Kinds { get; } = [IssueKind.OrphanPackages];

    public async Task<IReadOnlyList<Issue>> ScanAsync(CancellationToken cancellationToken)
    {
        var orphans = await PackageProbeGuard.RunAsync(packages, () => packages.ListOrphansAsync(cancellationToken));
        if (orphans.Count == 0)
            return [];
        var bytes = orphans.Sum(o => o.InstalledBytes ?? 0);
        var now = time.GetUtcNow();
        var evidence = new Dictionary<string, string>
        {
            ["packages"] = PackageEvidence.JoinNames(orphans.Select(o => o.Name)),
            ["versions"] = string.Join(", ", orphans.Select(o => $"{o.Name} {o.Version}")),
            ["count"] = orphans.Count.ToString(CultureInfo.InvariantCulture),
            ["bytes"] = bytes.ToString(CultureInfo.InvariantCulture),
        };
        var noun = orphans.Count == 1 ? "package is" : "packages are";
        return
        [
            new Issue(IssueKind.OrphanPackages, packages.Name, IssueSeverity.Info,
                $"{orphans.Count} {noun} installed as dependencies that nothing needs ({ByteSize.Format(bytes)})",
                evidence, now, now),
        ];
    }
}
