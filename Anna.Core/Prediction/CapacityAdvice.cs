using System.Globalization;
using Anna.Core.Linux;

namespace Anna.Core.Prediction;

/// <summary>
/// Capacity planning in a sentence, from a series' forecast: how much more room keeps a filling
/// filesystem below critical for <see cref="Horizon"/> at its present rate ("+20 GB keeps 6 months"),
/// or how fast memory available falls. The rate is the forecast's trend, so only a confident trend
/// gets advice; a series without one is "no trend towards critical".
/// </summary>
public static class CapacityAdvice
{
    public static readonly TimeSpan Horizon = TimeSpan.FromDays(182.5);

    public static string For(SeriesForecast series)
    {
        if (series.Forecast is not { } forecast || forecast.SlopePerHour == 0)
            return $"no trend towards {series.Metric.Quantity(series.Critical)}";
        var critical = series.Critical.ToString("0.#", CultureInfo.InvariantCulture);
        var perDay = Math.Abs(forecast.SlopePerHour * 24).ToString("0.##", CultureInfo.InvariantCulture);
        if (series.Metric == ForecastMetric.UnitMemoryBytes)
            return $"grows {ByteSize.Format((long)(forecast.SlopePerHour * 24))} a day towards its MemoryMax= {ByteSize.Format((long)series.Critical)}: find what leaks; a restart only buys time";
        if (series.Metric == ForecastMetric.UnitRestartsTotal)
            return $"restarts {perDay} an hour more each day: see why it exits (journalctl -u {series.Subject})";
        if (series.Metric == ForecastMetric.MemoryAvailablePercent && series.Leak is { } leak)
            return $"memory available falls {perDay} points a day, and {leak.Unit} grows {ByteSize.Format((long)(leak.BytesPerHour * 24))} a day without a MemoryMax=: " +
                "find what leaks there, and give it a limit so it cannot take the machine with it";
        if (series.Metric == ForecastMetric.MemoryAvailablePercent)
            return $"memory available falls {perDay} points a day: find what grows (see the units' memory) before adding memory";
        var what = series.Metric == ForecastMetric.InodeUsedPercent ? "inodes" : "space";
        if (series.TotalBytes is not { } total || series.Metric != ForecastMetric.DiskUsedPercent)
            return $"{what} use grows {perDay} points a day";
        // The level in half a year at this rate, beyond critical, is the room that keeps it below.
        var inHalfAYear = forecast.Level + forecast.SlopePerHour * Horizon.TotalHours;
        var needed = (long)Math.Ceiling((inHalfAYear - series.Critical) / 100 * total);
        var perDayBytes = (long)(forecast.SlopePerHour * 24 / 100 * total);
        return $"grows {ByteSize.Format(perDayBytes)} a day: +{ByteSize.Format(Math.Max(0, needed))} keeps {series.Subject} below {critical} % for 6 months";
    }
}
