using System.Globalization;
using Anna.Core.Linux;

namespace Anna.Core.Prediction;

/// <summary>The wire names of <see cref="ForecastMetric"/> (files, API) and what each implies.</summary>
public static class ForecastMetricNames
{
    private static readonly (ForecastMetric Metric, string Name)[] Table =
    [
        (ForecastMetric.DiskUsedPercent, "disk_used_percent"),
        (ForecastMetric.InodeUsedPercent, "inode_used_percent"),
        (ForecastMetric.MemoryAvailablePercent, "memory_available_percent"),
        (ForecastMetric.UnitMemoryBytes, "unit_memory_bytes"),
        (ForecastMetric.UnitRestartsTotal, "unit_restarts_total"),
    ];

    public static IReadOnlyList<string> All { get; } = [.. Table.Select(t => t.Name)];

    public static string Name(this ForecastMetric metric) => Table.First(t => t.Metric == metric).Name;

    /// <summary>The metric with this wire name, or null when there is none.</summary>
    public static ForecastMetric? Parse(string? name)
    {
        foreach (var (metric, wire) in Table)
            if (string.Equals(wire, name, StringComparison.Ordinal))
                return metric;
        return null;
    }

    /// <summary>True when running out means the value going down (memory available).</summary>
    public static bool FallsToCritical(this ForecastMetric metric) => metric == ForecastMetric.MemoryAvailablePercent;

    /// <summary>A value of this metric as a person reads it: "95 %", "512 MB", "6 an hour".</summary>
    public static string Quantity(this ForecastMetric metric, double value) => metric switch
    {
        ForecastMetric.UnitMemoryBytes => ByteSize.Format((long)value),
        ForecastMetric.UnitRestartsTotal => string.Create(CultureInfo.InvariantCulture, $"{value:0.#} an hour"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{value:0.#} %"),
    };

    /// <summary>True when the samples are a counter and critical is its rate per hour.</summary>
    public static bool IsCounter(this ForecastMetric metric) => metric == ForecastMetric.UnitRestartsTotal;
}
