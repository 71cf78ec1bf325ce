namespace Anna.Core.Linux.Packages;

/// <summary>An installed package with a newer version available.</summary>
/// <param name="IsKernel">A kernel image (linux-image-*, linux, linux-lts, …): updated only by the kernel_update action.</param>
public sealed record PackageUpdate(PackageName Name, string InstalledVersion, string CandidateVersion, bool IsKernel);
