namespace Anna.Core.Linux.Packages;

/// <summary>One package's change: installed (Old null), removed (New null) or upgraded.</summary>
public sealed record PackageVersionChange(PackageName Name, string? OldVersion, string? NewVersion);

/// <summary>
/// What a package operation did — or, as a dry run, would do: the packages with old → new
/// versions, bytes freed, and an excerpt of the tool's output.
/// </summary>
public sealed record PackageChange(bool DryRun, bool Succeeded, IReadOnlyList<PackageVersionChange> Packages, long BytesFreed, string OutputExcerpt, TimeSpan Duration);
