namespace Anna.Core.Breaker;

/// <summary>The one heal a half-open breaker let through: which subject it is for and when it began.</summary>
internal sealed record BreakerTrial(string For, DateTimeOffset Started);
