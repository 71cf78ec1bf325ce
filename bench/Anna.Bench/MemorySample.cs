namespace Anna.Bench;

/// <summary>One reading of Anna's memory during a run, with how much work had been done by then.</summary>
internal sealed record MemorySample(TimeSpan At, int Heals, long Requests, ProcessMemory Process, RuntimeMemory Runtime);
