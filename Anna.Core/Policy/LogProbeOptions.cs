namespace Anna.Core.Policy;

/// <summary>Where logs live and when they are too big or too old.</summary>
public sealed record LogProbeOptions
{
    /// <summary>Absolute, normalized directories; nothing outside them is ever looked at or touched.</summary>
    public IReadOnlyList<string> Paths { get; init; } = ["/var/log"];

    public int MaxFileMegabytes { get; init; } = 100;

    public int MaxAgeDays { get; init; } = 30;

    /// <summary>What journald may keep on disk; above it the journal is vacuumed down to it.</summary>
    public int JournalMaxMegabytes { get; init; } = 1024;
}
