namespace Anna.Core.Statistics;

/// <summary>Durations of the successful actions for one issue kind.</summary>
public sealed record HealDuration(string IssueKind, int Count, double MedianMs, double P90Ms);
