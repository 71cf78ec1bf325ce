using System.Diagnostics;
using System.Globalization;

namespace Anna.Bench;

/// <summary>
/// Anna's memory once a second over a run (VmRSS, RssAnon, RssFile, RssShmem, Private_Dirty, and the
/// GC heap, its committed memory and the JIT's method count from /metrics), each reading tagged with
/// the heals and API requests done by then, so growth can be put per heal and per request. With a
/// file, each sample is appended as it is taken, so a run that ends early still leaves its figures.
/// </summary>
internal sealed class MemoryTrace(AnnaProcess anna, Func<long> requests, string? file = null)
{
    private const string FileHeader = "seconds\theals\trequests\tvmrss_kib\trss_anon_kib\trss_file_kib\trss_shmem_kib\tprivate_dirty_kib\t" +
                                      "gc_live_bytes\tgc_heap_bytes\tgc_committed_bytes\tjit_methods\tsockets";

    private static readonly TimeSpan ScrapeTimeout = TimeSpan.FromSeconds(2);

    private readonly List<MemorySample> _samples = [];
    private readonly Stopwatch _run = Stopwatch.StartNew();
    private int _heals;

    public TimeSpan Elapsed => _run.Elapsed;

    public void HealDone() => Interlocked.Increment(ref _heals);

    /// <summary>The samples taken so far (a copy: the sampler keeps adding).</summary>
    public IReadOnlyList<MemorySample> Samples
    {
        get
        {
            lock (_samples)
                return [.. _samples];
        }
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await SampleAsync(cancellationToken);
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>One reading now (also the last one, taken after the sampler stopped).</summary>
    public async Task<MemorySample> SampleAsync(CancellationToken cancellationToken)
    {
        var at = _run.Elapsed;
        var heals = Volatile.Read(ref _heals);
        var done = requests();
        var process = ProcessMemory.Read(anna.Pid);
        RuntimeMemory runtime;
        try
        {
            // An overloaded Anna answers /metrics late; the process's own figures are still taken every second.
            using var scrape = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            scrape.CancelAfter(ScrapeTimeout);
            runtime = await anna.RuntimeMemoryAsync(scrape.Token);
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            runtime = RuntimeMemory.Unknown;
        }
        var sample = new MemorySample(at, heals, done, process, runtime, Sockets(anna.Pid));
        lock (_samples)
        {
            _samples.Add(sample);
            if (file is not null)
                File.AppendAllLines(file, _samples.Count == 1 ? [FileHeader, Line(sample)] : [Line(sample)]);
        }
        return sample;
    }

    public const string Header = "heals  requests  time s   VmRSS  RssAnon  RssFile  RssShmem  PrivDirty  GC heap  GC committed  JIT methods  sockets  (MiB)";

    public static string Row(MemorySample s) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{s.Heals,5} {s.Requests,9} {s.At.TotalSeconds,7:0} {ProcessMemory.Mib(s.Process.VmRssKiB),7} {ProcessMemory.Mib(s.Process.RssAnonKiB),8} " +
            $"{ProcessMemory.Mib(s.Process.RssFileKiB),8} {ProcessMemory.Mib(s.Process.RssShmemKiB),9} {ProcessMemory.Mib(s.Process.PrivateDirtyKiB),10} " +
            $"{Mib(s.Runtime.HeapBytes),8} {Mib(s.Runtime.CommittedBytes),13} {(s.Runtime.JitMethods < 0 ? "-" : s.Runtime.JitMethods.ToString(CultureInfo.InvariantCulture)),12} {s.Sockets,8}");

    private static string Line(MemorySample s) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{s.At.TotalSeconds:0.0}\t{s.Heals}\t{s.Requests}\t{s.Process.VmRssKiB}\t{s.Process.RssAnonKiB}\t{s.Process.RssFileKiB}\t{s.Process.RssShmemKiB}\t{s.Process.PrivateDirtyKiB}\t" +
            $"{s.Runtime.LiveBytes}\t{s.Runtime.HeapBytes}\t{s.Runtime.CommittedBytes}\t{s.Runtime.JitMethods}\t{s.Sockets}");

    /// <summary>Open sockets of a process (its file descriptors that are sockets); -1 where they cannot be read.</summary>
    private static int Sockets(int pid)
    {
        try
        {
            return new DirectoryInfo($"/proc/{pid}/fd").EnumerateFileSystemInfos()
                .Count(fd => fd.LinkTarget?.StartsWith("socket:", StringComparison.Ordinal) == true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return -1;
        }
    }

    /// <summary>
    /// The slope of a memory figure (MiB) over the second half of the samples between two moments,
    /// against heals or requests: the first half is left out as warm-up.
    /// </summary>
    public MemorySlope? Slope(TimeSpan from, TimeSpan to, Func<MemorySample, double> work, Func<MemorySample, long> kib)
    {
        var phase = Samples.Where(s => s.At >= from && s.At <= to).ToList();
        var half = phase.Skip(phase.Count / 2).Where(s => kib(s) >= 0).Select(s => (work(s), kib(s) / 1024.0)).ToList();
        return MemorySlope.Fit(half);
    }

    private static string Mib(long bytes) => bytes < 0 ? "-" : string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:0.0}");
}
