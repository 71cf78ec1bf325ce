using System.Globalization;
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
/// A process that leaks in a unit with <c>MemoryMax=</c>, under a real systemd manager: Anna's unit-samples
/// probe reads its memory and limit over D-Bus, the sample writer hands them to the forecast watch and
/// stores them in a real Anna's SQLite store, and the forecast probe names the unit in a
/// predicted_memory_exhaustion issue before the limit is reached. A forecast needs days of history and
/// a test cannot wait days: the probes' clock is stepped through the past 84 hours, and the process leaks
/// 2 MiB each stepped hour (the test tells it how much to hold), so each sample carries the hour it stands for.
/// </summary>
[Collection(SystemdCollection.Name)]
public sealed class UnitMemoryForecastTests(SystemdSandboxFixture systemd)
{
    private const string Unit = "leaky.service";
    private const int Hours = 84;
    private const int LeakMiBAnHour = 2;
    private const ulong Limit = 256UL << 20;

    // Holds as many MiB as the file says, read every 20 ms; the bytes are written, so the kernel charges them.
    private const string Leaker = """
        import sys, time
        held = []
        while True:
            try:
                want = int(open(sys.argv[1]).read())
            except (OSError, ValueError):
                want = len(held)
            while len(held) < want:
                held.append(bytearray(b"x" * (1 << 20)))
            time.sleep(0.02)
        """;

    [CgroupMemoryFact]
    public async Task A_unit_leaking_towards_its_MemoryMax_is_named_in_a_predicted_memory_exhaustion_issue()
    {
        var work = Directory.CreateTempSubdirectory("anna-leak-");
        var script = Path.Combine(work.FullName, "leak.py");
        var want = Path.Combine(work.FullName, "want");
        await File.WriteAllTextAsync(script, Leaker);
        await File.WriteAllTextAsync(want, "0");
        await using var units = await UnitDriver.ConnectAsync(systemd.Sandbox);
        // The host's store only: its own probes look for a systemd that is not there.
        await using var anna = new AnnaAppFactory($"unix:path={Path.Combine(work.FullName, "no-systemd")}", "[healing]\npolicy = \"guided\"\n");
        try
        {
            await units.StartUnitFileAsync(Unit, $"""
                [Unit]
                StartLimitIntervalSec=0
                [Service]
                MemoryMax={Limit}
                ExecStart=/usr/bin/python3 {script} {want}
                """);
            var started = await Eventually.HoldsAsync(() => units.StatusAsync(Unit), s => s.MemoryCurrent > 0, $"systemd to account {Unit}'s memory");
            Assert.Equal(Limit, started.MemoryMax);
            var baseline = started.MemoryCurrent!.Value;

            var store = anna.Services.GetRequiredService<ISampleStore>();
            var end = DateTimeOffset.UtcNow;
            var clock = new SteppedClock(SampleRollup.BucketStart(end.AddHours(-Hours), TimeSpan.FromHours(1)));
            var first = clock.GetUtcNow();
            var watch = new ForecastWatch(new TestHealingConfig());
            var queue = new SampleQueue();
            var writer = new SampleWriter(queue, store, clock, NullLogger<SampleWriter>.Instance, [watch]);
            var probe = new UnitSamplesProbe(systemd.Manager, queue, clock);
            for (var hour = 0; hour < Hours; hour++)
            {
                var held = (ulong)(hour * LeakMiBAnHour) << 20;
                await File.WriteAllTextAsync(want, (hour * LeakMiBAnHour).ToString(CultureInfo.InvariantCulture));
                await Eventually.HoldsAsync(() => units.StatusAsync(Unit), s => s.MemoryCurrent >= baseline + held, $"{Unit} to hold {held >> 20} MiB more");
                // Two samples an hour, as the once-a-minute probe takes many.
                foreach (var minute in new[] { 0, 30 })
                {
                    clock.SetUtcNow(first.AddHours(hour).AddMinutes(minute));
                    await probe.ScanAsync(CancellationToken.None);
                }
                if (hour % 6 == 5)
                    await writer.DrainAsync(CancellationToken.None);
            }
            await writer.DrainAsync(CancellationToken.None);
            Assert.Equal((0L, 0L, 0L), (queue.Dropped, writer.Failed, writer.OverCap));

            var issues = await new ForecastProbe(watch, clock).ScanAsync(CancellationToken.None);

            var issue = Assert.Single(issues, i => i.Subject == Unit);
            Assert.Equal(IssueKind.PredictedMemoryExhaustion, issue.Kind);
            Assert.StartsWith($"{Unit} reaches its MemoryMax= 256 MB in ~", issue.Summary, StringComparison.Ordinal);
            Assert.Equal(Limit.ToString(CultureInfo.InvariantCulture), issue.Evidence["limit_bytes"]);
            // 2 MiB an hour from what it holds now: the limit is some 36 hours away.
            var eta = DateTimeOffset.Parse(issue.Evidence["eta"], CultureInfo.InvariantCulture);
            var now = clock.GetUtcNow();
            var hoursLeft = (Limit - (await units.StatusAsync(Unit)).MemoryCurrent!.Value) / (double)(LeakMiBAnHour << 20);
            Assert.InRange(eta, now.AddHours(hoursLeft * 0.6), now.AddHours(hoursLeft * 1.4));

            // Anna restarted: a new watch reads the limit and the leak back from the store and forecasts the same.
            await store.RollUpAndPruneAsync(now.AddMinutes(10), CancellationToken.None);
            var restarted = new ForecastWatch(new TestHealingConfig());
            await restarted.WarmUpAsync(store, now, CancellationToken.None);
            var series = Assert.Single(restarted.Current(), s => s.Subject == Unit);
            Assert.Equal(Limit, series.Critical);
            Assert.NotNull(series.Forecast);
        }
        finally
        {
            await units.StopAsync(Unit);
            await units.ResetAllFailedAsync();
            work.Delete(recursive: true);
        }
    }
}
