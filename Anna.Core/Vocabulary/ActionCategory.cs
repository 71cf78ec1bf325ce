namespace Anna.Core.Vocabulary;

/// <summary>What kind of change an action makes; policy lists categories by their snake_case names.</summary>
public enum ActionCategory
{
    ServiceRestart,
    CacheCleanup,
    LogRotation,
    OrphanRemoval,
    PackageUpdate,
    KernelUpdate,
    FilesystemModify,
    BootloaderChange,
    PartitionOperations,
}
