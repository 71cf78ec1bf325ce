namespace Anna.Server.Metrics;

/// <summary>Host settings for what <c>/metrics</c> reports (section <c>Anna:Metrics</c>).</summary>
public sealed class MetricsOptions
{
    public const string Section = "Anna:Metrics";

    /// <summary>
    /// The assumption behind "time saved": how many minutes a person would spend on one fix Anna
    /// made by itself (noticing, logging in, diagnosing, fixing). Shown as an assumption, never as
    /// a measurement; 0 turns the figure off.
    /// </summary>
    public double ManualFixMinutes { get; set; } = 10;
}
