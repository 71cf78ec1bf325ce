namespace Anna.Bench;

/// <summary>
/// One reading of Anna's memory during a run, with how much work had been done by then and how many
/// sockets Anna held open (each accepted connection costs buffers: a pile of them is memory too).
/// </summary>
internal sealed record MemorySample(TimeSpan At, int Heals, long Requests, ProcessMemory Process, RuntimeMemory Runtime, int Sockets);
