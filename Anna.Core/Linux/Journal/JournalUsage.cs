namespace Anna.Core.Linux.Journal;

/// <summary>How much disk the systemd journal takes; <see cref="Bytes"/> is null when it could not be known, and <see cref="Unavailable"/> says why.</summary>
public sealed record JournalUsage(long? Bytes, string? Unavailable)
{
    public static JournalUsage Known(long bytes) => new(bytes, null);

    public static JournalUsage Unknown(string why) => new(null, why);
}
