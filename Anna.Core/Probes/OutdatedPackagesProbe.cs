using Anna.Core.Issues;
using Anna.Core.Linux.Packages;

namespace Anna.Core.Probes;

/// <summary>
/// Raises <see cref="IssueKind.OutdatedPackages"/> for upgradable packages and, separately,
/// <see cref="IssueKind.KernelUpdate"/> for upgradable kernel packages (they need a reboot and
/// have their own, riskier action). Runs hourly: resolving an upgrade is heavier than a stat.
/// </summary>
public sealed class OutdatedPackagesProbe(IPackageManager packages, TimeProvider time) : IProbe
{
    public string Name => "outdated_packages";

    public IReadOnlyList<string> Kinds { get; } = [IssueKind.OutdatedPackages, IssueKind.KernelUpdate];

    public TimeSpan? Interval => TimeSpan.FromHours(1);

    public TimeSpan Timeout => TimeSpan.FromMinutes(2);

    public async Task<IReadOnlyList<Issue>> ScanAsync(CancellationToken cancellationToken)
    {
        var (updates, reboot) = await PackageProbeGuard.RunAsync(packages, async () =>
            (await packages.ListUpgradableAsync(cancellationToken), await packages.RebootRequiredAsync(cancellationToken)));
        var now = time.GetUtcNow();
        var issues = new List<Issue>();
        var regular = updates.Where(u => !u.IsKernel).ToList();
        if (regular.Count > 0)
            issues.Add(new Issue(IssueKind.OutdatedPackages, packages.Name, IssueSeverity.Info,
                $"{regular.Count} {(regular.Count == 1 ? "package has" : "packages have")} updates available",
                PackageEvidence.ForUpdates(regular, reboot), now, now));
        var kernel = updates.Where(u => u.IsKernel).ToList();
        if (kernel.Count > 0)
            issues.Add(new Issue(IssueKind.KernelUpdate, packages.Name, IssueSeverity.Warning,
                $"A kernel update is available ({string.Join(", ", kernel.Select(k => $"{k.Name} {k.CandidateVersion}"))}); it takes effect after a reboot",
                PackageEvidence.ForUpdates(kernel, reboot), now, now));
        return issues;
    }
}
