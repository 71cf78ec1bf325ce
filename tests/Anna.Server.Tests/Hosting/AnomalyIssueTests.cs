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
/// The running host turns a lasting anomaly in what its probes measure into an <c>anomaly</c> issue:
/// samples go through the real queue and background writer to the watch, and the next scan reports
/// the issue in GET /api/v1/health, as information that no action heals.
/// </summary>
public sealed class AnomalyIssueTests : IAsyncLifetime
{
    private readonly WatchingAppFactory _factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task A_jump_in_a_measured_series_becomes_an_anomaly_issue_in_health()
    {
        var sink = _factory.Services.GetRequiredService<ISampleSink>();
        var watch = _factory.Services.GetRequiredService<AnomalyWatch>();
        var start = DateTimeOffset.UtcNow.AddHours(-6);
        var random = new Random(11);
        // Five hours of a steady disk a minute apart (the writer keeps one sample per 30 s), then a jump: two samples make it an anomaly.
        for (var i = 0; i < 300; i++)
            Assert.True(sink.TryAdd(new Sample(SampleMetric.DiskUsedBytes, "/srv", start.AddMinutes(i), (40L << 30) + random.Next(1 << 20))));
        for (var i = 300; i < 302; i++)
            Assert.True(sink.TryAdd(new Sample(SampleMetric.DiskUsedBytes, "/srv", start.AddMinutes(i), 90L << 30)));
        await Eventually(() => watch.Current().Count > 0, "the writer to hand the samples to the watch");

        await _factory.Services.GetRequiredService<ProbeScheduler>().ScanAllNowAsync(CancellationToken.None);

        using var client = _factory.CreateClient();
        var health = await client.GetFromJsonAsync<JsonElement>("/api/v1/health");
        var anomaly = health.GetProperty("issues").EnumerateArray().Single(i => i.GetProperty("kind").GetString() == "anomaly");
        Assert.Equal("disk_used_bytes:/srv", anomaly.GetProperty("subject").GetString());
        Assert.Contains("90.0 GiB now", anomaly.GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.Equal("HEALTHY", health.GetProperty("state").GetString()); // information does not degrade the machine
        var healable = await client.GetFromJsonAsync<JsonElement>("/api/v1/healing/list");
        Assert.DoesNotContain(healable.EnumerateArray(), h => h.GetProperty("issue").GetProperty("kind").GetString() == "anomaly");
    }

    private static async Task Eventually(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"waited 30 s for {what}");
            await Task.Delay(200);
        }
    }

    private sealed class WatchingAppFactory : NoSystemdAppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Anna:Probes:0", "anomalies");
        }
    }
}
