namespace Anna.Core.Engine;

/// <summary>One run of a probe: when, how long the look at the machine took, and what it said.</summary>
/// <param name="Took">Time spent in the probe itself (not in recording what it found).</param>
/// <param name="Cadence">How often it runs from now on, and why (<see cref="ProbeCadence"/>).</param>
public sealed record ProbeRun(string Probe, DateTimeOffset StartedAt, TimeSpan Took, string Status, int Issues, ProbeCadence Cadence);
