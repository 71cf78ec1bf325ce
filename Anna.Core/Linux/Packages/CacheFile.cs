namespace Anna.Core.Linux.Packages;

/// <summary>One file in the package cache that a cleanup removes, with its size.</summary>
public sealed record CacheFile(string Path, long Bytes);
