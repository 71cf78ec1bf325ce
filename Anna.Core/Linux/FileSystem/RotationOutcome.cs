namespace Anna.Core.Linux.FileSystem;

/// <summary>What rotating one log file did: the compressed copy, and how much it freed.</summary>
public sealed record RotationOutcome(string Path, string? Target, long OriginalBytes, long CompressedBytes, string? Error)
{
    public bool Succeeded => Error is null;

    public long FreedBytes => Succeeded ? Math.Max(0, OriginalBytes - CompressedBytes) : 0;
}
