namespace Anna.Core.Linux.Packages;

/// <summary>The package cache: how big it is and what a cleanup would free (the files it would remove).</summary>
public sealed record CacheUsage(string Directory, long TotalBytes, long ReclaimableBytes, IReadOnlyList<string> ReclaimableFiles);
