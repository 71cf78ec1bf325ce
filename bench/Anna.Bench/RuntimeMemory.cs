using System.Globalization;

namespace Anna.Bench;

/// <summary>
/// The runtime's side of Anna's memory, from its /metrics: live objects (<c>dotnet_total_memory_bytes</c>),
/// the GC heap after the last collection and what the GC keeps committed, and the methods the JIT has
/// compiled. -1 for a figure the Anna measured does not report (an older build).
/// </summary>
internal sealed record RuntimeMemory(long LiveBytes, long HeapBytes, long CommittedBytes, long JitMethods)
{
    public static readonly RuntimeMemory Unknown = new(-1, -1, -1, -1);

    public static RuntimeMemory Parse(string metrics)
    {
        var values = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in metrics.Split('\n'))
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space > 0 && !line.StartsWith('#') && double.TryParse(line[(space + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                values[line[..space]] = (long)value;
        }
        return new RuntimeMemory(Get("dotnet_total_memory_bytes"), Get("anna_gc_heap_bytes"), Get("anna_gc_committed_bytes"), Get("anna_jit_compiled_methods"));

        long Get(string name) => values.TryGetValue(name, out var v) ? v : -1;
    }
}
