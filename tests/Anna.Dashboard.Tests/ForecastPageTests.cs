using Anna.Core.Policy;
using Anna.Core.Prediction;
using Anna.Core.Samples;
using Anna.Testing;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using ForecastPage = Anna.Dashboard.Pages.Forecast;

namespace Anna.Dashboard.Tests;

public sealed class ForecastPageTests : DashboardTestContext
{
    private readonly ForecastWatch _watch = new(new TestHealingConfig(new HealingOptions()));
    private readonly ForecastCheck _check = new(TimeProvider.System);

    public ForecastPageTests()
    {
        Services.AddSingleton(_watch);
        Services.AddSingleton(_check);
        Services.AddSingleton(TimeProvider.System);
    }

    [Fact]
    public void Before_any_sample_the_page_says_forecasts_need_days_of_them()
    {
        var cut = Render<ForecastPage>();

        cut.WaitForAssertion(() => Assert.Contains("Nothing measured yet", cut.Find("[data-testid=forecast-empty]").TextContent), Patience);
    }

    [Fact]
    public void A_filling_disk_shows_when_it_runs_out_and_how_much_room_keeps_it_below_critical_for_half_a_year()
    {
        // A 100 GiB /var filling 0.4 points an hour from 40 % (about 9.6 GiB a day), sampled every 5 minutes for 90 hours.
        var start = DateTimeOffset.UtcNow.AddHours(-90);
        const double Size = 100.0 * (1L << 30);
        for (var i = 0; i < 90 * 12; i++)
        {
            var percent = 40 + 0.4 * i / 12.0;
            _watch.Observe(new Sample(SampleMetric.DiskUsedBytes, "/var", start.AddMinutes(5 * i), Size * percent / 100));
            _watch.Observe(new Sample(SampleMetric.DiskUsedPercent, "/var", start.AddMinutes(5 * i), percent));
        }

        var cut = Render<ForecastPage>();

        cut.WaitForAssertion(() => Assert.Equal("/var: space", cut.Find("[data-testid=forecast-resource]").TextContent), Patience);
        Assert.NotEqual("—", cut.Find("[data-testid=forecast-eta]").TextContent);
        var advice = cut.Find("[data-testid=forecast-advice]").TextContent;
        Assert.Matches(@"^grows 9\.\d GB a day: \+1\.\d TB keeps /var below 95 % for 6 months$", advice);
    }

    [Fact]
    public void Before_any_forecast_came_due_the_self_check_says_so()
    {
        var cut = Render<ForecastPage>();

        cut.WaitForAssertion(() => Assert.Equal("Forecasts checked: no forecast has come due yet.", cut.Find("[data-testid=selfcheck-headline]").TextContent), Patience);
        Assert.Empty(cut.FindAll("[data-testid=selfcheck-row]"));
    }

    [Fact]
    public void The_self_check_says_how_many_forecasts_came_true_and_lists_the_newest()
    {
        // Three disks forecast to fill within two hours: two do, one stays put; a fourth is still to come due.
        var now = DateTimeOffset.UtcNow.AddMinutes(-10);
        var forecast = new ExhaustionForecast(now.UtcDateTime, now.AddHours(2).UtcDateTime, 0.8, 1, 85);
        foreach (var (mount, fills) in (ReadOnlySpan<(string, bool)>)[("/srv", true), ("/data", true), ("/home", false)])
        {
            for (var at = now; at < now.AddHours(4); at += TimeSpan.FromMinutes(5))
                _check.Observe(ForecastMetric.DiskUsedPercent, mount, 95, at, fills && at >= now.AddHours(1) ? 96 : 85, forecast);
        }
        _check.Observe(ForecastMetric.MemoryAvailablePercent, "memory", 10, now, 30, forecast);

        var cut = Render<ForecastPage>();

        cut.WaitForAssertion(() => Assert.Equal("Forecasts checked: 2 of 3 came true (67 %).", cut.Find("[data-testid=selfcheck-headline]").TextContent), Patience);
        Assert.Contains("1 still to come due.", cut.Find("[data-testid=selfcheck-note]").TextContent, StringComparison.Ordinal);
        var rows = cut.FindAll("[data-testid=selfcheck-row]");
        Assert.Equal(["/home: space", "/data: space", "/srv: space"], cut.FindAll("[data-testid=selfcheck-resource]").Select(r => r.TextContent));
        Assert.Equal(["missed", "hit", "hit"], rows.Select(r => r.GetAttribute("data-outcome")));
        Assert.Equal(["missed", "came true", "came true"], cut.FindAll("[data-testid=selfcheck-outcome]").Select(c => c.TextContent.Trim()));
    }
}
