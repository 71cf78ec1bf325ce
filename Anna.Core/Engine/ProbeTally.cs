namespace Anna.Core.Engine;

/// <summary>One probe's runs since start-up (see <see cref="ProbeStatistics"/>).</summary>
public sealed record ProbeTally(string Probe, long Runs, long Failures, TimeSpan LastTook);
