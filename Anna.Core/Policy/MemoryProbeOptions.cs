namespace Anna.Core.Policy;

/// <summary>When memory is short: MemAvailable as a percent of MemTotal, and the kernel's pressure stall figure.</summary>
public sealed record MemoryProbeOptions
{
    public int AvailableWarningPercent { get; init; } = 10;

    public int AvailableCriticalPercent { get; init; } = 5;

    /// <summary>Percent of the last 10 s in which some task waited for memory (/proc/pressure/memory).</summary>
    public double PsiSomeAvg10Warning { get; init; } = 20;
}
