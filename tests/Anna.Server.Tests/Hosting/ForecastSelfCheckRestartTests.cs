using System.Net.Http.Json;
using System.Text.Json;
using Anna.Core.Prediction;
using Anna.Core.Samples;
using Anna.Server.Tests.Api;
using Microsoft.Extensions.DependencyInjection;

namespace Anna.Server.Tests.Hosting;

/// <summary>
/// The running host checks its own forecasts: a steady fill goes through the real queue and writer to
/// the forecast watch, whose forecast is recorded; Anna stops and starts again on the same store, and
/// the forecast made before the restart is judged by the samples after it. The samples run ahead of
/// the clock (a week of a live series, in a few seconds).
/// </summary>
public sealed class ForecastSelfCheckRestartTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>0.4 points an hour from 40 %, every 5 minutes: 95 % (critical) at 137.5 h.</summary>
    private static void Fill(NoSystemdAppFactory anna, DateTimeOffset start, int fromHour, int toHour)
    {
        var sink = anna.Services.GetRequiredService<ISampleSink>();
        var random = new Random(fromHour);
        for (var i = fromHour * 12; i < toHour * 12; i++)
            Assert.True(sink.TryAdd(new Sample(SampleMetric.DiskUsedPercent, "/srv/data", start.AddMinutes(5 * i), 40 + 0.4 * i / 12.0 + 0.05 * random.NextDouble())));
    }

    private static async Task<JsonElement> SelfCheckAsync(NoSystemdAppFactory anna, Func<JsonElement, bool> until)
    {
        using var client = anna.CreateClient();
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var body = await client.GetFromJsonAsync<JsonElement>("/api/v1/forecast/self-check");
            if (until(body))
                return body;
            Assert.True(DateTime.UtcNow < deadline, $"waited {Patience.TotalSeconds} s for the self-check; it says {body}");
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task A_forecast_made_before_a_restart_is_still_judged_after_it()
    {
        var root = Directory.CreateTempSubdirectory("anna-selfcheck-restart-");
        try
        {
            var start = DateTimeOffset.UtcNow;
            JsonElement before;
            await using (var first = new RestartableAppFactory(root))
            {
                Fill(first, start, 0, 110);
                before = Assert.Single((await SelfCheckAsync(first, b => b.GetProperty("pending").GetInt32() == 1)).GetProperty("waiting").EnumerateArray());
                Assert.Equal(("/srv/data", "disk_used_percent"), (before.GetProperty("subject").GetString(), before.GetProperty("metric").GetString()));
                Assert.InRange(before.GetProperty("eta").GetDateTimeOffset(), start.AddHours(120), start.AddHours(160));
            }

            await using var second = new RestartableAppFactory(root);
            var kept = Assert.Single((await SelfCheckAsync(second, _ => true)).GetProperty("waiting").EnumerateArray());
            Assert.Equal(before.GetProperty("id").GetInt64(), kept.GetProperty("id").GetInt64());
            // The store keeps milliseconds.
            Assert.Equal(before.GetProperty("raisedAt").GetDateTimeOffset(), kept.GetProperty("raisedAt").GetDateTimeOffset(), TimeSpan.FromMilliseconds(1));

            Fill(second, start, 110, 150);
            var after = await SelfCheckAsync(second, b => b.GetProperty("hits").GetInt32() + b.GetProperty("missed").GetInt32() > 0);
            Assert.Equal("1 of 1 came true (100 %)", after.GetProperty("headline").GetString());
            var hit = Assert.Single(after.GetProperty("recent").EnumerateArray());
            Assert.Equal((before.GetProperty("id").GetInt64(), "hit"), (hit.GetProperty("id").GetInt64(), hit.GetProperty("outcome").GetString()));
            Assert.InRange(hit.GetProperty("crossedAt").GetDateTimeOffset(), start.AddHours(137), start.AddHours(138.5));
            Assert.Equal(0, after.GetProperty("pending").GetInt32());
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    private sealed class RestartableAppFactory(DirectoryInfo root) : NoSystemdAppFactory(root, ownsRoot: false);
}
