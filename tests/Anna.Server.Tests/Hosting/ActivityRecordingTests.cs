using Anna.Core.Samples;
using Anna.Server.Tests.Api;
using Microsoft.Extensions.DependencyInjection;

namespace Anna.Server.Tests.Hosting;

/// <summary>
/// The running host samples the machine's activity on its own loop: load and (where the kernel has
/// PSI) CPU and I/O pressure from the real /proc reach the store with no scan asked for; with no
/// logind to ask (this suite's hosts name none) sessions are simply not counted.
/// </summary>
public sealed class ActivityRecordingTests : IAsyncLifetime
{
    private readonly NoSystemdAppFactory _factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task The_host_records_the_load_at_start_without_a_logind()
    {
        var store = _factory.Services.GetRequiredService<ISampleStore>();
        var before = DateTimeOffset.UtcNow.AddMinutes(-1);

        IReadOnlyList<SampleBucket> load = [];
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (load.Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
            load = await store.RangeAsync(SampleMetric.LoadPerCpu, "load", before, DateTimeOffset.UtcNow.AddMinutes(1), SampleResolution.Raw, CancellationToken.None);
        }

        var sample = Assert.Single(load);
        Assert.InRange(sample.Last, 0, 10_000);
        Assert.Empty(await store.RangeAsync(SampleMetric.ActiveSessions, null, before, DateTimeOffset.UtcNow.AddMinutes(1), SampleResolution.Raw, CancellationToken.None));
        if (File.Exists("/proc/pressure/io"))
            Assert.Single(await store.RangeAsync(SampleMetric.IoPressureSomeAvg10, "io", before, DateTimeOffset.UtcNow.AddMinutes(1), SampleResolution.Raw, CancellationToken.None));
    }
}
