using Anna.Core.Linux;
using System.ComponentModel;
using Anna.Core.Linux.Packages;

namespace Anna.Core.Probes;

/// <summary>Turns "the package tools are not on this machine" into <see cref="ProbeUnavailableException"/>.</summary>
internal static class PackageProbeGuard
{
    public static async Task<T> RunAsync<T>(IPackageManager packages, Func<Task<T>> scan)
    {
        try
        {
            return await scan();
        }
        catch (Win32Exception e)
        {
            throw new ProbeUnavailableException($"{packages.Name} tools cannot run here: {e.Message}");
        }
    }
}
