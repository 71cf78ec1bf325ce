namespace Anna.Core.Samples;

/// <summary>One measurement of one series: <paramref name="Metric"/> (one of <see cref="SampleMetric"/>) of <paramref name="Subject"/> (a mount point, a unit, "memory").</summary>
public sealed record Sample(string Metric, string Subject, DateTimeOffset At, double Value);
