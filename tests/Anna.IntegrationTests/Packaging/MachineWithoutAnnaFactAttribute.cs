using Anna.Testing;

namespace Anna.IntegrationTests.Packaging;

/// <summary>
/// A test that installs and purges the anna package on this machine. It needs root, and a machine
/// where no Anna lives: an installed package, or the state of an Anna run as root
/// (<c>/var/lib/anna</c>), would be purged with it. There it is reported as skipped, saying why.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class MachineWithoutAnnaFactAttribute : FactAttribute
{
    /// <summary>Where the package puts things; dpkg's file list says it is installed or half-removed.</summary>
    public static readonly IReadOnlyList<string> PackagePaths =
        ["/usr/lib/anna", "/usr/bin/annactl", "/etc/anna", "/var/lib/anna", "/lib/systemd/system/anna.service", "/var/lib/dpkg/info/anna.list"];

    public MachineWithoutAnnaFactAttribute()
    {
        if (!Environment.IsPrivilegedProcess)
            Skip = "needs root: it installs a package";
        else if (PackagePaths.FirstOrDefault(Path.Exists) is { } found)
            Skip = $"{found} exists: an Anna lives on this machine, and the test would purge it";
    }
}
