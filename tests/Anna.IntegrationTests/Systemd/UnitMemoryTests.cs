using Anna.Core.Linux.Systemd;
using Anna.Core.Probes;
using Anna.Core.Samples;
using Anna.IntegrationTests.EndToEnd;

namespace Anna.IntegrationTests.Systemd;

/// <summary>
/// A unit that holds 48 MiB, under a real systemd manager with a MemoryMax=: systemd's accounting
/// says how much its control group uses, and the unit-samples probe records it, with its limit, as sample series.
/// </summary>
[Collection(SystemdCollection.Name)]
public sealed class UnitMemoryTests(SystemdSandboxFixture systemd)
{
    private const string Unit = "memory-holder.service";

    [Fact]
    public async Task The_probe_records_a_services_memory_against_its_limit()
    {
        await using var units = await UnitDriver.ConnectAsync(systemd.Sandbox);
        try
        {
            await units.StartUnitFileAsync(Unit, """
                [Service]
                MemoryMax=256M
                ExecStart=/usr/bin/python3 -c "import time; held = bytearray(48 * 1024 * 1024); time.sleep(3600)"
                """);
            var status = await Eventually.HoldsAsync(() => units.StatusAsync(Unit), s => s.MemoryCurrent >= 48UL << 20, "the unit to hold its 48 MiB",
                TimeSpan.FromSeconds(30));
            Assert.Equal(256UL << 20, status.MemoryMax);

            var sink = new SampleQueue();
            await new UnitSamplesProbe(systemd.Manager, sink, TimeProvider.System).ScanAsync(CancellationToken.None);

            var samples = new List<Sample>();
            while (sink.Reader.TryRead(out var sample))
                samples.Add(sample);
            var held = Assert.Single(samples, s => s.Subject == Unit && s.Metric == SampleMetric.UnitMemoryBytes);
            Assert.InRange(held.Value, 48 << 20, 256 << 20);
            // Its limit, recorded with it: what a forecast of its memory is judged against.
            Assert.Equal(256 << 20, Assert.Single(samples, s => s.Subject == Unit && s.Metric == SampleMetric.UnitMemoryMaxBytes).Value);
        }
        finally
        {
            await units.StopAsync(Unit);
            await units.ResetAllFailedAsync();
        }
    }
}
