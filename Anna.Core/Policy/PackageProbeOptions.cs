namespace Anna.Core.Policy;

/// <summary>[probes.packages] in healing.toml: when the package cache is worth cleaning.</summary>
public sealed record PackageProbeOptions
{
    /// <summary>The package cache may hold this much that a cleanup would free before it is an issue.</summary>
    public int CacheMaxMegabytes { get; init; } = 500;
}
