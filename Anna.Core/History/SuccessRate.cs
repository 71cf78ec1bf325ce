namespace Anna.Core.History;

/// <summary>How well healing does per issue type: attempts are executed actions only.</summary>
public sealed record SuccessRate(string IssueType, int Attempts, int Successes, double Rate, double AverageDurationMs);
