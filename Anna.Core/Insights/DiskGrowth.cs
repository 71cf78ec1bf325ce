namespace Anna.Core.Insights;

/// <summary>How the used bytes of one mount changed over the period, from the sample store.</summary>
public sealed record DiskGrowth(string MountPoint, DateTimeOffset From, double FromBytes, DateTimeOffset To, double ToBytes)
{
    public double GrowthBytes => ToBytes - FromBytes;
}
