using Anna.Core.Prediction;

namespace Anna.Bench;

/// <summary>
/// One series of a forecast corpus: <c>&lt;Id&gt;.csv</c> (timestamp,value) and <c>&lt;Id&gt;.json</c>
/// (metric, critical, and for generated series the situation it was made as, which no model reads).
/// </summary>
internal sealed record ForecastCase(string Id, ForecastMetric Metric, double Critical, string? Situation, DateTime[] Timestamps, double[] Values)
{
    public int Length => Values.Length;
}
