using Prometheus;

namespace Anna.Server.Metrics;

/// <summary>
/// What the runtime holds beyond the live objects that <c>dotnet_total_memory_bytes</c> counts: the
/// GC heap as the last collection left it and the memory the GC keeps committed for it, and how much
/// code the JIT has compiled. Together with the process's resident memory they tell a leak (the heap
/// grows) from the runtime keeping pages (committed grows) and from code being compiled (JIT grows).
/// </summary>
internal sealed class RuntimeMemoryMetrics
{
    private readonly Gauge _heap;
    private readonly Gauge _committed;
    private readonly Gauge _jitMethods;
    private readonly Gauge _jitBytes;

    public RuntimeMemoryMetrics(MetricFactory factory)
    {
        _heap = factory.CreateGauge("anna_gc_heap_bytes", "The GC heap's size after the last collection, fragmentation included.");
        _committed = factory.CreateGauge("anna_gc_committed_bytes", "Memory the GC had committed for its heap at the last collection.");
        _jitMethods = factory.CreateGauge("anna_jit_compiled_methods", "Methods the JIT has compiled since start-up (a method compiled again by tiering counts again).");
        _jitBytes = factory.CreateGauge("anna_jit_compiled_il_bytes", "IL bytes the JIT has compiled since start-up.");
    }

    public Task CollectAsync(CancellationToken cancellationToken)
    {
        var info = GC.GetGCMemoryInfo();
        _heap.Set(info.HeapSizeBytes);
        _committed.Set(info.TotalCommittedBytes);
        _jitMethods.Set(System.Runtime.JitInfo.GetCompiledMethodCount());
        _jitBytes.Set(System.Runtime.JitInfo.GetCompiledILBytes());
        return Task.CompletedTask;
    }
}
