using Anna.Core.Issues;
using Anna.Core.Policy;
using Anna.Core.Prediction;
using Anna.Core.Probes;
using Anna.Core.Samples;
using Anna.IntegrationTests.Activity;
using Anna.IntegrationTests.EndToEnd;
using Anna.IntegrationTests.Systemd;
using Anna.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Anna.IntegrationTests.Prediction;

/// <summary>
/// A service that <c>Restart=always</c> keeps bringing back, more and more often, under a real systemd
/// manager: Anna's unit-samples probe reads its <c>NRestarts</c> over D-Bus, the sample writer hands
/// the counter to the forecast watch and stores it, and the forecast probe raises restart_rate_rising for it before its rate gets there. As with a
/// leak, the probes' clock is stepped through the past 96 hours (60 before any forecast, then 7 hourly evaluations in a row before an alert); the process exits when the test tells
/// it to, so the restarts of each stepped half-hour are the test's.
/// </summary>
[Collection(SystemdCollection.Name)]
public sealed class RestartRateForecastTests(SystemdSandboxFixture systemd)
{
    private const string Unit = "flappy.service";
    private const int Hours = 96;
    private const int CriticalPerHour = 2;

    // Runs until the file appears, then takes it away and fails: systemd restarts it.
    private const string Flapper = """
        import os, sys, time
        while not os.path.exists(sys.argv[1]):
            time.sleep(0.02)
        os.remove(sys.argv[1])
        sys.exit(1)
        """;

    /// <summary>Restarts an hour at hour <paramref name="h"/>: from none to 0.5, towards a critical 2 (its busiest hour, a mean of about 0.54).</summary>
    private static double Rate(double h) => 0.5 * h / Hours;

    [Fact]
    public async Task A_service_restarted_more_and_more_often_is_named_in_a_restart_rate_rising_issue()
    {
        var work = Directory.CreateTempSubdirectory("anna-flap-");
        var script = Path.Combine(work.FullName, "flap.py");
        var exit = Path.Combine(work.FullName, "exit");
        await File.WriteAllTextAsync(script, Flapper);
        await using var units = await UnitDriver.ConnectAsync(systemd.Sandbox);
        await using var anna = new AnnaAppFactory($"unix:path={Path.Combine(work.FullName, "no-systemd")}", "[healing]\npolicy = \"guided\"\n");
        try
        {
            await units.StartUnitFileAsync(Unit, $"""
                [Unit]
                StartLimitIntervalSec=0
                [Service]
                Restart=always
                RestartSec=100ms
                ExecStart=/usr/bin/python3 {script} {exit}
                """);

            var store = anna.Services.GetRequiredService<ISampleStore>();
            var clock = new SteppedClock(SampleRollup.BucketStart(DateTimeOffset.UtcNow.AddHours(-Hours), TimeSpan.FromHours(1)));
            var first = clock.GetUtcNow();
            var policy = new HealingOptions { Probes = new ProbeOptions { Services = new ServiceProbeOptions { RestartsCriticalPerHour = CriticalPerHour } } };
            var watch = new ForecastWatch(new TestHealingConfig(policy));
            var queue = new SampleQueue();
            var writer = new SampleWriter(queue, store, clock, NullLogger<SampleWriter>.Instance, [watch]);
            var probe = new UnitSamplesProbe(systemd.Manager, queue, clock);
            var due = 0.0;
            uint restarts = 0;
            for (var half = 0; half < Hours * 2; half++)
            {
                // The restarts of this half-hour, one by one: each one systemd counts before the next.
                due += Rate(half / 2.0) / 2;
                while (restarts < (uint)Math.Floor(due))
                {
                    await File.WriteAllTextAsync(exit, "");
                    var expected = ++restarts;
                    await Eventually.HoldsAsync(() => units.StatusAsync(Unit), s => s.NRestarts >= expected && s.IsActive, $"systemd to restart {Unit} a {expected}th time");
                }
                clock.SetUtcNow(first.AddMinutes(30 * half));
                await probe.ScanAsync(CancellationToken.None);
                if (half % 12 == 11)
                    await writer.DrainAsync(CancellationToken.None);
            }
            await writer.DrainAsync(CancellationToken.None);
            Assert.Equal((0L, 0L, 0L), (queue.Dropped, writer.Failed, writer.OverCap));
            Assert.True(restarts >= 15, $"only {restarts} restarts");

            var issues = await new ForecastProbe(watch, clock).ScanAsync(CancellationToken.None);

            var issue = Assert.Single(issues, i => i.Subject == Unit);
            Assert.Equal(IssueKind.RestartRateRising, issue.Kind);
            Assert.Matches($@"^{Unit.Replace(".", @"\.", StringComparison.Ordinal)} restarts 0\.\d times an hour and rising: reaches 2 an hour in ~", issue.Summary);
            Assert.Equal("2", issue.Evidence["critical"]);
        }
        finally
        {
            await units.StopAsync(Unit);
            await units.ResetAllFailedAsync();
            work.Delete(recursive: true);
        }
    }
}
