namespace Anna.Core.Linux.Packages.Apt;

/// <summary>
/// Which Debian/Ubuntu packages carry the kernel: images, headers and modules of a version, and the
/// metapackages that pull a new version in (linux-image-amd64, linux-generic, …). These are left to
/// the kernel_update action because they only take effect after a reboot.
/// </summary>
public static class AptKernelPackages
{
    private static readonly string[] Prefixes =
    [
        "linux-image-", "linux-headers-", "linux-modules-", "linux-signed-",
        "linux-generic", "linux-virtual", "linux-lowlatency", "linux-aws", "linux-azure", "linux-gcp", "linux-oem-",
    ];

    public static bool IsKernel(string name) => Prefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal));
}
