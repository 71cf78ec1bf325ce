using Anna.Core.Activity;
using Anna.Core.Linux.Logind;
using Anna.Core.Samples;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Anna.Core.Tests.Activity;

/// <summary>The activity sampler over a proc directory written by the test and a stand-in for logind.</summary>
public sealed class ActivitySamplerTests : IDisposable
{
    private readonly DirectoryInfo _proc = Directory.CreateTempSubdirectory("anna-proc-");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 3, 10, 0, 0, TimeSpan.Zero));
    private readonly SampleQueue _queue = new();

    public void Dispose() => _proc.Delete(recursive: true);

    private sealed class Sessions(Func<LoginSessionCount> count) : ILoginSessions
    {
        public Task<LoginSessionCount> CountAsync(CancellationToken cancellationToken) => Task.FromResult(count());
    }

    private void Write(string file, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(_proc.FullName, file))!);
        File.WriteAllText(Path.Combine(_proc.FullName, file), text);
    }

    private List<Sample> Drain()
    {
        var list = new List<Sample>();
        while (_queue.Reader.TryRead(out var s))
            list.Add(s);
        return list;
    }

    [Fact]
    public async Task Every_series_is_sampled_and_cpu_busy_comes_from_the_difference_of_two_readings()
    {
        Write("stat", "cpu  100 0 100 700 100 0 0 0 0 0\ncpu0 1 2 3 4\n");
        Write("loadavg", "3.00 1.00 0.50 2/300 4242\n");
        Write("pressure/cpu", "some avg10=12.50 avg60=3.00 avg300=1.00 total=1\nfull avg10=0.00 avg60=0.00 avg300=0.00 total=0\n");
        Write("pressure/io", "some avg10=40.00 avg60=3.00 avg300=1.00 total=1\nfull avg10=1.00 avg60=0.00 avg300=0.00 total=0\n");
        var sampler = new ActivitySampler(new Sessions(() => new LoginSessionCount(3, 2)), _queue, _time, NullLogger<ActivitySampler>.Instance, _proc.FullName, processors: 2);

        Assert.Equal(4, await sampler.SampleOnceAsync(CancellationToken.None)); // no CPU share from one reading
        var first = Drain().ToDictionary(s => s.Metric, s => s.Value);
        Assert.Equal(2, first[SampleMetric.ActiveSessions]);
        Assert.Equal(1.5, first[SampleMetric.LoadPerCpu]);
        Assert.Equal(12.5, first[SampleMetric.CpuPressureSomeAvg10]);
        Assert.Equal(40, first[SampleMetric.IoPressureSomeAvg10]);
        Assert.False(first.ContainsKey(SampleMetric.CpuBusyPercent));

        // 1000 more ticks, of which 250 idle and iowait: 75 % busy.
        Write("stat", "cpu  550 0 400 900 150 0 0 0 0 0\n");
        _time.Advance(TimeSpan.FromMinutes(1));
        await sampler.SampleOnceAsync(CancellationToken.None);
        var second = Drain();
        Assert.Equal(75, second.Single(s => s.Metric == SampleMetric.CpuBusyPercent).Value, 3);
        Assert.All(second, s => Assert.Equal(_time.GetUtcNow(), s.At));
    }

    [Fact]
    public async Task Without_logind_or_pressure_files_the_rest_is_still_sampled()
    {
        Write("loadavg", "0.40 0.30 0.20 1/100 7\n");
        var sampler = new ActivitySampler(new NoLoginSessions(), _queue, _time, NullLogger<ActivitySampler>.Instance, _proc.FullName, processors: 4);

        Assert.Equal(1, await sampler.SampleOnceAsync(CancellationToken.None));
        var only = Assert.Single(Drain());
        Assert.Equal((SampleMetric.LoadPerCpu, 0.1), (only.Metric, only.Value));
    }
}
