using Anna.Core.Engine;
using Anna.Core.Samples;
using Anna.Server.Tests.Api;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Anna.Server.Tests.Hosting;

/// <summary>
/// The running host stores what its probes measure: a scan of the real /proc/meminfo and mount table
/// reaches the sample store through the queue and the background writer, with no issue raised.
/// </summary>
public sealed class SampleRecordingTests : IAsyncLifetime
{
    private readonly MeasuringAppFactory _factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task A_scan_leaves_memory_and_disk_samples_in_the_store()
    {
        var scheduler = _factory.Services.GetRequiredService<ProbeScheduler>();
        var store = _factory.Services.GetRequiredService<ISampleStore>();
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        await scheduler.ScanAllNowAsync(CancellationToken.None);

        IReadOnlyList<SampleBucket> memory = [];
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (memory.Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
            memory = await store.RangeAsync(SampleMetric.MemoryAvailableBytes, "memory", before, DateTimeOffset.UtcNow.AddMinutes(1), SampleResolution.Raw, CancellationToken.None);
        }
        var bucket = Assert.Single(memory);
        Assert.InRange(bucket.Last, 1, long.MaxValue);
        var disks = await store.RangeAsync(SampleMetric.DiskUsedBytes, null, before, DateTimeOffset.UtcNow.AddMinutes(1), SampleResolution.Raw, CancellationToken.None);
        Assert.NotEmpty(disks);
        Assert.All(disks, d => Assert.StartsWith("/", d.Subject));
        Assert.Equal(0, _factory.Services.GetRequiredService<SampleQueue>().Dropped);
        // What was lost is counted where an admin looks: none of it here.
        using var client = _factory.CreateClient();
        var metrics = await client.GetStringAsync("/metrics");
        foreach (var reason in new[] { "queue_full", "series_cap", "write_failed" })
            Assert.Contains($"anna_samples_lost_total{{reason=\"{reason}\"}} 0", metrics);
    }

    private sealed class MeasuringAppFactory : NoSystemdAppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Anna:Probes:0", "memory_pressure");
            builder.UseSetting("Anna:Probes:1", "disk_space");
        }
    }
}
