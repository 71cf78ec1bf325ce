using System.Collections.Frozen;

namespace Anna.Core.Vocabulary;

/// <summary>Maps <see cref="ActionCategory"/> to the names used in healing.toml, the API and metrics.</summary>
public static class ActionCategoryNames
{
    private static readonly FrozenDictionary<ActionCategory, string> Names = new Dictionary<ActionCategory, string>
    {
        [ActionCategory.ServiceRestart] = "service_restart",
        [ActionCategory.CacheCleanup] = "cache_cleanup",
        [ActionCategory.LogRotation] = "log_rotation",
        [ActionCategory.OrphanRemoval] = "orphan_removal",
        [ActionCategory.PackageUpdate] = "package_update",
        [ActionCategory.KernelUpdate] = "kernel_update",
        [ActionCategory.FilesystemModify] = "filesystem_modify",
        [ActionCategory.BootloaderChange] = "bootloader_change",
        [ActionCategory.PartitionOperations] = "partition_operations",
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, ActionCategory> Categories =
        Names.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    public static IEnumerable<string> All => Names.Values;

    public static string ToName(this ActionCategory category) => Names[category];

    public static bool TryParse(string name, out ActionCategory category) => Categories.TryGetValue(name, out category);
}
