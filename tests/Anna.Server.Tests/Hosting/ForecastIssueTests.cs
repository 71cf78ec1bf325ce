using System.Net.Http.Json;
using System.Text.Json;
using Anna.Core.Engine;
using Anna.Core.Prediction;
using Anna.Core.Samples;
using Anna.Server.Tests.Api;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Anna.Server.Tests.Hosting;

/// <summary>
/// The running host forecasts from what its probes measure: four days of a filesystem filling
/// steadily go through the real queue and writer to the forecast watch, and the next scan raises a
/// predicted_disk_full issue; GET /api/v1/forecast shows when it runs out at this rate.
/// </summary>
public sealed class ForecastIssueTests : IAsyncLifetime
{
    private readonly ForecastingAppFactory _factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task A_steady_fill_becomes_a_predicted_disk_full_issue_and_a_dated_forecast()
    {
        var sink = _factory.Services.GetRequiredService<ISampleSink>();
        var watch = _factory.Services.GetRequiredService<ForecastWatch>();
        var now = DateTimeOffset.UtcNow;
        var random = new Random(3);
        // 90 hours, one sample every 5 minutes, 0.4 points an hour from 40 %: 76 % now, 95 % in about two days.
        for (var i = 0; i < 90 * 12; i++)
        {
            var at = now.AddHours(-90).AddMinutes(5 * i);
            Assert.True(sink.TryAdd(new Sample(SampleMetric.DiskUsedPercent, "/srv/data", at, 40 + 0.4 * i / 12.0 + 0.05 * random.NextDouble())));
        }
        var deadline = DateTime.UtcNow.AddSeconds(30);
        // Until the last sample is in: a forecast formed halfway through the backlog stands on a series seen hours ago.
        var last = now.AddHours(-90).AddMinutes(5 * (90 * 12 - 1));
        while (watch.Current().All(s => s.Forecast is null || s.LastAt < last))
        {
            Assert.True(DateTime.UtcNow < deadline, "waited 30 s for the writer to hand the samples to the forecast watch");
            await Task.Delay(200);
        }

        await _factory.Services.GetRequiredService<ProbeScheduler>().ScanAllNowAsync(CancellationToken.None);

        using var client = _factory.CreateClient();
        var health = await client.GetFromJsonAsync<JsonElement>("/api/v1/health");
        var issue = health.GetProperty("issues").EnumerateArray().Single(i => i.GetProperty("kind").GetString() == "predicted_disk_full");
        Assert.Equal("/srv/data", issue.GetProperty("subject").GetString());
        Assert.StartsWith("/srv/data full in ~", issue.GetProperty("summary").GetString(), StringComparison.Ordinal);
        var forecast = (await client.GetFromJsonAsync<JsonElement>("/api/v1/forecast")).EnumerateArray().Single(f => f.GetProperty("subject").GetString() == "/srv/data");
        Assert.Equal("disk_used_percent", forecast.GetProperty("metric").GetString());
        var eta = forecast.GetProperty("eta").GetDateTimeOffset();
        Assert.InRange(eta, now.AddHours(30), now.AddHours(70));
        Assert.StartsWith("reaches 95 % at this rate on ", forecast.GetProperty("outlook").GetString(), StringComparison.Ordinal);
    }

    private sealed class ForecastingAppFactory : NoSystemdAppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Anna:Probes:0", "forecasts");
        }
    }
}
