namespace Anna.Core.Linux.FileSystem;

/// <summary>What rotating one log file will do, or why it must not be done.</summary>
/// <param name="Refused">Why the file is left alone; null when it may be rotated.</param>
public sealed record RotationPlan(string Path, string Target, long Bytes, string? Refused)
{
    public bool Allowed => Refused is null;
}
