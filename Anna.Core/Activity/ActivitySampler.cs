using Anna.Core.Linux.Logind;
using Anna.Core.Linux.ProcFs;
using Anna.Core.Samples;
using Microsoft.Extensions.Logging;

namespace Anna.Core.Activity;

/// <summary>
/// Measures how the machine is used, for learned maintenance windows: people's active sessions
/// (logind), how busy the CPUs were since the last sample, CPU and I/O pressure and the load per CPU.
/// Each reading becomes a sample of its own series; one that cannot be read (no logind on the bus,
/// a kernel without PSI) is left out and the others are still recorded. It only queues samples —
/// nothing here is on the healing path, and nothing waits for the store.
/// </summary>
public sealed partial class ActivitySampler(
    ILoginSessions sessions, ISampleSink samples, TimeProvider time, ILogger<ActivitySampler> logger,
    string procRoot = "/proc", int? processors = null)
{
    /// <summary>The subjects of the activity series.</summary>
    public const string LogindSubject = "logind";
    public const string CpuSubject = "cpu";
    public const string IoSubject = "io";
    public const string LoadSubject = "load";

    /// <summary>How long logind may take to answer before this sample goes without the session count.</summary>
    public static readonly TimeSpan SessionTimeout = TimeSpan.FromSeconds(5);

    private readonly int _processors = Math.Max(1, processors ?? Environment.ProcessorCount);
    private CpuTimes? _lastCpu;
    private bool _logindMissingLogged;

    /// <summary>Takes one sample of every activity series that can be read now; returns how many were queued.</summary>
    public async Task<int> SampleOnceAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var queued = 0;

        if (await CountSessionsAsync(cancellationToken).ConfigureAwait(false) is { } count)
            queued += Add(SampleMetric.ActiveSessions, LogindSubject, now, count.Active);

        if (Read("stat") is { } stat && CpuTimes.Parse(stat) is { } cpu)
        {
            // The first reading has nothing to compare with; busy since boot would say nothing of this hour.
            if (_lastCpu is { } last && cpu.BusyPercentSince(last) is { } busy)
                queued += Add(SampleMetric.CpuBusyPercent, CpuSubject, now, busy);
            _lastCpu = cpu;
        }
        if (Read(PressureStall.CpuFile) is { } cpuPressure && PressureStall.SomeAvg10(cpuPressure) is { } cpuStall)
            queued += Add(SampleMetric.CpuPressureSomeAvg10, CpuSubject, now, cpuStall);
        if (Read(PressureStall.IoFile) is { } ioPressure && PressureStall.SomeAvg10(ioPressure) is { } ioStall)
            queued += Add(SampleMetric.IoPressureSomeAvg10, IoSubject, now, ioStall);
        if (Read("loadavg") is { } loadavg && LoadAverage.OneMinute(loadavg) is { } load)
            queued += Add(SampleMetric.LoadPerCpu, LoadSubject, now, load / _processors);
        return queued;
    }

    private async Task<LoginSessionCount?> CountSessionsAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(SessionTimeout);
        try
        {
            var count = await sessions.CountAsync(timeout.Token).ConfigureAwait(false);
            _logindMissingLogged = false;
            return count;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException && !cancellationToken.IsCancellationRequested)
        {
            // A server without logind (a container) is normal: said once, not every minute.
            if (!_logindMissingLogged)
                LogNoLogind(logger, ex.Message);
            _logindMissingLogged = true;
            return null;
        }
    }

    private int Add(string metric, string subject, DateTimeOffset at, double value) =>
        samples.TryAdd(new Sample(metric, subject, at, value)) ? 1 : 0;

    private string? Read(string file)
    {
        try
        {
            return File.ReadAllText(Path.Combine(procRoot, file));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null; // a kernel without PSI has no /proc/pressure: that series is simply not kept
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sessions are not counted for learned maintenance windows: logind cannot be asked ({Reason}); load and pressure still are")]
    private static partial void LogNoLogind(ILogger logger, string reason);
}
