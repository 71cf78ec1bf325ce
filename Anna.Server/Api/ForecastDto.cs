using System.Globalization;
using Anna.Core.Linux;
using Anna.Core.Prediction;

namespace Anna.Server.Api;

/// <summary>One forecast series as the API shows it.</summary>
/// <param name="Metric">disk_used_percent, inode_used_percent, memory_available_percent, unit_memory_bytes or unit_restarts_total.</param>
/// <param name="Eta">When it reaches <paramref name="Critical"/> at this rate; null when no confident trend leads there.</param>
/// <param name="PerDay">The trend a day in the series' unit (points, bytes; negative: falling); null without a forecast.</param>
/// <param name="Outlook">The same in words: "reaches 95 % at this rate on 2026-12-06 03:10 UTC (+1.8 points a day)" or "no trend towards 95 %".</param>
/// <param name="Recommendation">Capacity planning: "grows 2.1 GB a day: +310 GB keeps /var below 95 % for 6 months".</param>
public sealed record ForecastDto(string Metric, string Subject, DateTimeOffset LastAt, double Value, double Critical,
    DateTimeOffset? Eta, double? Confidence, double? PerDay, string Outlook, string Recommendation)
{
    public static ForecastDto From(SeriesForecast series)
    {
        var critical = series.Metric.Quantity(series.Critical);
        if (series.Forecast is not { } forecast)
            return new(series.Metric.Name(), series.Subject, series.LastAt, Math.Round(series.LastValue, 2), series.Critical, null, null, null, $"no trend towards {critical}", CapacityAdvice.For(series));
        var eta = new DateTimeOffset(DateTime.SpecifyKind(forecast.Eta, DateTimeKind.Utc));
        var perDay = Math.Round(forecast.SlopePerHour * 24, 2);
        return new(series.Metric.Name(), series.Subject, series.LastAt, Math.Round(series.LastValue, 2), series.Critical, eta, Math.Round(forecast.Confidence, 2), perDay,
            $"reaches {critical} at this rate on {eta.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC{Trend(series.Metric, perDay)}", CapacityAdvice.For(series));
    }

    /// <summary>" (+1.8 points a day)", " (+12 MB a day)"; nothing for a rate, whose trend is the rate itself.</summary>
    private static string Trend(ForecastMetric metric, double perDay) => metric switch
    {
        ForecastMetric.UnitRestartsTotal => "",
        ForecastMetric.UnitMemoryBytes => $" ({(perDay < 0 ? "-" : "+")}{ByteSize.Format((long)Math.Abs(perDay))} a day)",
        _ => $" ({perDay.ToString("+0.##;-0.##", CultureInfo.InvariantCulture)} points a day)",
    };
}
