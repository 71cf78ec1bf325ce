namespace Anna.Bench;

/// <summary>One start: process start → /healthz 200, memory a few seconds later, what it had mapped. GC heap -1 when unknown.</summary>
internal sealed record StartupTrial(TimeSpan Healthz, ProcessMemory Memory, long GcHeapKiB, int AssembliesMapped, bool PlaywrightMapped);
