using Anna.Core.Linux;
using Anna.Testing;
using Anna.Core.Issues;
using Anna.Core.Linux.ProcFs;
using Anna.Core.Policy;
using Anna.Core.Probes;
using Anna.Core.Samples;
using Anna.Core.Tests.Fakes;

namespace Anna.Core.Tests.Probes;

public sealed class MemoryPressureProbeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("anna-mem-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string MemInfoText(long totalKb, long availableKb) => $"""
        MemTotal:       {totalKb} kB
        MemFree:          123456 kB
        MemAvailable:   {availableKb} kB
        SwapTotal:       2097148 kB
        SwapFree:        2097000 kB
        HugePages_Total:       0
        """;

    private const string Calm = "some avg10=0.00 avg60=0.00 avg300=0.00 total=0\nfull avg10=0.00 avg60=0.00 avg300=0.00 total=0\n";

    [Fact]
    public void MemInfo_reads_kilobytes_as_bytes()
    {
        var fields = MemInfo.Parse(MemInfoText(1000, 250));

        Assert.Equal(1000L * 1024, fields["MemTotal"]);
        Assert.Equal(250L * 1024, fields["MemAvailable"]);
        Assert.Equal(0, fields["HugePages_Total"]);
    }

    [Theory]
    [InlineData("some avg10=12.34 avg60=1.00 avg300=0.50 total=99\nfull avg10=3.00 avg60=0 avg300=0 total=1\n", 12.34)]
    [InlineData("full avg10=3.00 avg60=0 avg300=0 total=1\nsome avg10=0.50 avg60=0 avg300=0 total=1\n", 0.5)]
    [InlineData("nothing here\n", null)]
    [InlineData("some avg60=1.00\n", null)]
    public void Psi_some_avg10_is_read(string text, double? expected) => Assert.Equal(expected, PressureStall.SomeAvg10(text));

    [Theory]
    [InlineData(1000, 200, null)]
    [InlineData(1000, 101, null)]
    [InlineData(1000, 100, IssueSeverity.Warning)]
    [InlineData(1000, 51, IssueSeverity.Warning)]
    [InlineData(1000, 50, IssueSeverity.Critical)]
    [InlineData(1000, 0, IssueSeverity.Critical)]
    public async Task Available_percent_thresholds_are_inclusive(long total, long available, IssueSeverity? expected)
    {
        var issues = await Scan(MemInfoText(total, available), Calm);

        Assert.Equal(expected, issues.SingleOrDefault()?.Severity);
    }

    [Fact]
    public async Task Stalls_above_the_psi_threshold_warn_even_with_free_memory()
    {
        var issue = Assert.Single(await Scan(MemInfoText(1000, 800), "some avg10=25.00 avg60=5 avg300=1 total=5\n"));

        Assert.Equal(IssueSeverity.Warning, issue.Severity);
        Assert.Equal("25.0", issue.Evidence["psi_some_avg10"]);
        Assert.Contains("stalled", issue.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stalls_below_the_threshold_do_not_warn() =>
        Assert.Empty(await Scan(MemInfoText(1000, 800), "some avg10=19.99 avg60=5 avg300=1 total=5\n"));

    [Fact]
    public async Task A_zero_psi_threshold_still_ignores_no_stall_at_all() =>
        Assert.Empty(await Scan(MemInfoText(1000, 800), Calm, new MemoryProbeOptions { PsiSomeAvg10Warning = 0 }));

    [Fact]
    public async Task Missing_psi_file_is_said_in_the_evidence()
    {
        var issue = Assert.Single(await Scan(MemInfoText(1000, 40), pressure: null));

        Assert.Equal(IssueSeverity.Critical, issue.Severity);
        Assert.False(issue.Evidence.ContainsKey("psi_some_avg10"));
        Assert.Contains("not available", issue.Evidence["psi"], StringComparison.Ordinal);
        Assert.Equal("4.0", issue.Evidence["available_percent"]);
        Assert.Equal((40L * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture), issue.Evidence["mem_available_bytes"]);
    }

    [Fact]
    public async Task Meminfo_without_MemAvailable_makes_the_probe_unavailable() =>
        await Assert.ThrowsAsync<ProbeUnavailableException>(() => Scan("MemTotal: 1000 kB\n", Calm));

    [Fact]
    public async Task The_real_proc_files_can_be_read()
    {
        var probe = new MemoryPressureProbe(new TestHealingConfig(new HealingOptions()), TimeProvider.System);

        var issues = await probe.ScanAsync(CancellationToken.None);

        Assert.All(issues, i => Assert.Equal(IssueKind.MemoryPressure, i.Kind));
    }

    [Fact]
    public async Task Every_scan_queues_available_memory_its_share_and_the_stall_as_samples_even_when_memory_is_fine()
    {
        var queue = new SampleQueue();

        var issues = await Scan(MemInfoText(1_000_000, 900_000), "some avg10=1.25 avg60=0 avg300=0 total=5\n", samples: queue);

        Assert.Empty(issues);
        var queued = Drain(queue);
        Assert.Equal(
            [(SampleMetric.MemoryAvailableBytes, 900_000.0 * 1024), (SampleMetric.MemoryAvailablePercent, 90.0), (SampleMetric.MemoryPressureSomeAvg10, 1.25)],
            queued.Select(s => (s.Metric, s.Value)));
        Assert.All(queued, s => Assert.Equal(MemoryPressureProbe.Subject, s.Subject));
    }

    private static List<Sample> Drain(SampleQueue queue)
    {
        var list = new List<Sample>();
        while (queue.Reader.TryRead(out var sample))
            list.Add(sample);
        return list;
    }

    private async Task<IReadOnlyList<Issue>> Scan(string memInfo, string? pressure, MemoryProbeOptions? options = null, ISampleSink? samples = null)
    {
        var memInfoPath = Path.Combine(_dir, "meminfo");
        var pressurePath = Path.Combine(_dir, "pressure");
        await File.WriteAllTextAsync(memInfoPath, memInfo);
        if (pressure is not null)
            await File.WriteAllTextAsync(pressurePath, pressure);
        var config = new TestHealingConfig(new HealingOptions { Probes = new ProbeOptions { Memory = options ?? new MemoryProbeOptions() } });
        return await new MemoryPressureProbe(config, TimeProvider.System, memInfoPath, pressurePath, samples).ScanAsync(CancellationToken.None);
    }
}
