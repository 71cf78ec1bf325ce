namespace Anna.Bench;

/// <summary>One NAB data file: its path under <c>data/</c>, its rows and its label windows.</summary>
internal sealed record NabSeries(string RelativePath, string[] Timestamps, double[] Values, IReadOnlyList<NabWindow> Windows)
{
    public int Length => Values.Length;

    /// <summary>The machine-metric families the issue asks to report apart.</summary>
    public bool IsMachineMetric => RelativePath.StartsWith("realAWSCloudwatch/", StringComparison.Ordinal)
        || RelativePath.StartsWith("realKnownCause/", StringComparison.Ordinal);
}
