using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Anna.Core.Prediction;
using Microsoft.Extensions.DependencyInjection;

namespace Anna.Server.Tests.Api;

/// <summary>
/// GET /api/v1/forecast/self-check and the forecast metrics, from the running host's own self-check:
/// forecasts judged from the samples that follow them (sample times run ahead of the clock here, so
/// deadlines pass without waiting).
/// </summary>
public sealed class ForecastSelfCheckApiTests : IAsyncLifetime
{
    private readonly NoSystemdAppFactory _factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private static ExhaustionForecast Forecast(DateTimeOffset at, TimeSpan ahead) => new(at.UtcDateTime, (at + ahead).UtcDateTime, 0.8, 0.5, 80);

    /// <summary>Samples of a disk every 5 minutes from <paramref name="from"/> for <paramref name="hours"/> hours.</summary>
    private static void Samples(ForecastCheck check, string mount, DateTimeOffset from, double hours, double value, ExhaustionForecast? forecast)
    {
        for (var at = from; at < from.AddHours(hours); at += TimeSpan.FromMinutes(5))
            check.Observe(ForecastMetric.DiskUsedPercent, mount, 95, at, value, forecast);
    }

    [Fact]
    public async Task Counts_hit_rate_and_the_newest_judged_forecasts_and_the_same_in_the_metrics()
    {
        using var client = _factory.CreateClient();
        var empty = await client.GetFromJsonAsync<JsonElement>("/api/v1/forecast/self-check");
        Assert.Equal("no forecast has come due yet", empty.GetProperty("headline").GetString());
        Assert.Equal(JsonValueKind.Null, empty.GetProperty("hitRate").ValueKind);
        Assert.Empty(empty.GetProperty("recent").EnumerateArray());

        var check = _factory.Services.GetRequiredService<ForecastCheck>();
        var now = DateTimeOffset.UtcNow.AddMinutes(-10);
        // /srv comes true, /data stays at 85 % past its deadline, /home is cleaned up first, /var waits.
        Samples(check, "/srv", now, 1, 90, Forecast(now, TimeSpan.FromHours(2)));
        Samples(check, "/srv", now.AddHours(1), 0.5, 96, null);
        Samples(check, "/data", now, 4, 85, Forecast(now, TimeSpan.FromHours(1)));
        Samples(check, "/home", now, 0.1, 85, Forecast(now, TimeSpan.FromHours(10)));
        Assert.True(check.Averted(ForecastMetric.DiskUsedPercent, "/home", now.AddMinutes(20)));
        Samples(check, "/var", now, 0.1, 85, Forecast(now, TimeSpan.FromDays(3)));

        var body = await client.GetFromJsonAsync<JsonElement>("/api/v1/forecast/self-check");
        Assert.Equal((1, 1, 1, 1), (body.GetProperty("hits").GetInt32(), body.GetProperty("missed").GetInt32(), body.GetProperty("averted").GetInt32(), body.GetProperty("pending").GetInt32()));
        Assert.Equal(0.5, body.GetProperty("hitRate").GetDouble());
        Assert.Equal("1 of 2 came true (50 %)", body.GetProperty("headline").GetString());
        var recent = body.GetProperty("recent").EnumerateArray().ToDictionary(p => p.GetProperty("subject").GetString()!);
        Assert.Equal(["/data", "/home", "/srv"], recent.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("hit", recent["/srv"].GetProperty("outcome").GetString());
        Assert.Equal(now.AddHours(1), recent["/srv"].GetProperty("crossedAt").GetDateTimeOffset(), TimeSpan.FromMilliseconds(1));
        Assert.Equal("disk_used_percent", recent["/srv"].GetProperty("metric").GetString());
        Assert.Equal(90, recent["/srv"].GetProperty("value").GetDouble());
        Assert.Equal("missed", recent["/data"].GetProperty("outcome").GetString());
        Assert.Equal(now.AddHours(2), recent["/data"].GetProperty("deadline").GetDateTimeOffset(), TimeSpan.FromMilliseconds(1));
        Assert.Equal("averted", recent["/home"].GetProperty("outcome").GetString());
        var waiting = Assert.Single(body.GetProperty("waiting").EnumerateArray());
        Assert.Equal(("/var", "pending"), (waiting.GetProperty("subject").GetString(), waiting.GetProperty("outcome").GetString()));

        var one = await client.GetFromJsonAsync<JsonElement>("/api/v1/forecast/self-check?recent=1");
        Assert.Single(one.GetProperty("recent").EnumerateArray());
        Assert.Equal(3, one.GetProperty("hits").GetInt32() + one.GetProperty("missed").GetInt32() + one.GetProperty("averted").GetInt32());

        var metrics = await client.GetStringAsync("/metrics");
        Assert.Equal(1, Value(metrics, "anna_forecast_outcomes_total{metric=\"disk_used_percent\",outcome=\"hit\"}"));
        Assert.Equal(1, Value(metrics, "anna_forecast_outcomes_total{metric=\"disk_used_percent\",outcome=\"missed\"}"));
        Assert.Equal(1, Value(metrics, "anna_forecast_outcomes_total{metric=\"disk_used_percent\",outcome=\"averted\"}"));
        Assert.Equal(0.5, Value(metrics, "anna_forecast_hit_rate"));
        Assert.Equal(1, Value(metrics, "anna_forecast_pending"));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("501")]
    public async Task A_bad_recent_is_a_problem_naming_the_field(string recent)
    {
        using var client = _factory.CreateClient();
        var response = await client.GetAsync($"/api/v1/forecast/self-check?recent={recent}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("recent must be a whole number", problem.GetProperty("errors").GetProperty("recent")[0].GetString(), StringComparison.Ordinal);
    }

    /// <summary>The value of one sample line; NaN when the series is absent.</summary>
    private static double Value(string exposition, string series)
    {
        var match = Regex.Match(exposition, "^" + Regex.Escape(series) + " (\\S+)$", RegexOptions.Multiline);
        return match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : double.NaN;
    }
}
