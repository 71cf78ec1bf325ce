using Anna.Core.Linux;
using Anna.Core.Linux.Packages;

namespace Anna.Core.Actions;

/// <summary>Checks shared by the package actions before they change anything.</summary>
public static class PackagePreflight
{
    /// <summary>Free space kept on the package cache's file system before an update starts downloading.</summary>
    public const long DefaultMinimumFreeBytes = 256L * 1024 * 1024;

    /// <summary>Why the action must not run now, or null when it may.</summary>
    public static async Task<string?> BlockerAsync(IPackageManager packages, long minimumFreeBytes, CancellationToken cancellationToken)
    {
        var lockStatus = await packages.LockStatusAsync(cancellationToken);
        if (lockStatus.Held)
            return $"package manager is busy: {lockStatus.Detail}";
        if (minimumFreeBytes <= 0)
            return null;
        var cache = await packages.CacheUsageAsync(cancellationToken);
        var free = FreeSpace.Available(cache.Directory);
        return free < minimumFreeBytes
            ? $"only {ByteSize.Format(free)} free for {cache.Directory}; at least {ByteSize.Format(minimumFreeBytes)} is needed"
            : null;
    }
}
