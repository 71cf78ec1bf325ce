using Anna.Core.Prediction;
using Anna.Server.Api;

namespace Anna.Server.Tests.Api;

/// <summary>Each forecast speaks in its own unit: percent for disks and memory, bytes for a unit's memory, a rate for restarts.</summary>
public sealed class ForecastDtoTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);

    private static ExhaustionForecast Forecast(double perHour) => new(At.UtcDateTime, At.AddHours(9).UtcDateTime, 0.9, perHour, 0);

    [Fact]
    public void A_units_memory_reads_in_bytes_and_a_restart_rate_as_a_rate()
    {
        var memory = ForecastDto.From(new SeriesForecast(ForecastMetric.UnitMemoryBytes, "web.service", At, 400L << 20, 512L << 20, Forecast(2L << 20)));
        var restarts = ForecastDto.From(new SeriesForecast(ForecastMetric.UnitRestartsTotal, "web.service", At, 2.5, 6, Forecast(0.4)));
        var disk = ForecastDto.From(new SeriesForecast(ForecastMetric.DiskUsedPercent, "/var", At, 80, 95, Forecast(0.5)));
        var flat = ForecastDto.From(new SeriesForecast(ForecastMetric.UnitMemoryBytes, "web.service", At, 400L << 20, 512L << 20, null));

        Assert.Equal("reaches 512 MB at this rate on 2026-12-04 19:00 UTC (+48 MB a day)", memory.Outlook);
        Assert.Equal("reaches 6 an hour at this rate on 2026-12-04 19:00 UTC", restarts.Outlook);
        Assert.Equal("reaches 95 % at this rate on 2026-12-04 19:00 UTC (+12 points a day)", disk.Outlook);
        Assert.Equal("no trend towards 512 MB", flat.Outlook);
    }
}
