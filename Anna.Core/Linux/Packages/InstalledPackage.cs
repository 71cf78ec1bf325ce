namespace Anna.Core.Linux.Packages;

/// <summary>An installed package, with its size when the package manager knows it.</summary>
public sealed record InstalledPackage(PackageName Name, string Version, long? InstalledBytes);
