using Anna.Core.Linux;
using System.Globalization;
using Anna.Core.Issues;
using Anna.Core.Linux.ProcFs;
using Anna.Core.Policy;
using Anna.Core.Samples;

namespace Anna.Core.Probes;

/// <summary>
/// Raises <see cref="IssueKind.MemoryPressure"/> when MemAvailable is a small share of MemTotal,
/// or when the kernel reports tasks stalling on memory (PSI). The stall figure catches thrashing
/// that free-memory numbers miss: page cache can look plentiful while everything waits on reclaim.
/// </summary>
public sealed class MemoryPressureProbe(
    IHealingConfig config,
    TimeProvider time,
    string memInfoPath = MemInfo.DefaultPath,
    string pressurePath = PressureStall.MemoryPath,
    ISampleSink? samples = null) : IProbe
{
    public const string Subject = "memory";

    public string Name => "memory_pressure";

    public IReadOnlyList<string> Kinds { get; } = [IssueKind.MemoryPressure];

    public TimeSpan? Interval => TimeSpan.FromSeconds(30);

    public async Task<IReadOnlyList<Issue>> ScanAsync(CancellationToken cancellationToken)
    {
        string memInfo;
        try
        {
            memInfo = await File.ReadAllTextAsync(memInfoPath, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ProbeUnavailableException($"cannot read {memInfoPath}: {e.Message}");
        }
        string? pressure = null;
        string? pressureAbsent = null;
        try
        {
            pressure = await File.ReadAllTextAsync(pressurePath, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Kernels built without CONFIG_PSI, or booted with psi=0, have no such file (or refuse to read it).
            pressureAbsent = $"{pressurePath} is not available ({e.Message}); judged by MemAvailable alone";
        }
        var now = time.GetUtcNow();
        var readings = MemInfo.Parse(memInfo);
        var issue = Evaluate(readings, pressure, pressureAbsent, config.Current.Probes.Memory, now);
        if (samples is not null)
        {
            if (readings.TryGetValue("MemAvailable", out var available))
                samples.TryAdd(new Sample(SampleMetric.MemoryAvailableBytes, Subject, now, available));
            if (readings.TryGetValue("MemAvailable", out var share) && readings.TryGetValue("MemTotal", out var total) && total > 0)
                samples.TryAdd(new Sample(SampleMetric.MemoryAvailablePercent, Subject, now, 100.0 * share / total));
            if (pressure is not null && PressureStall.SomeAvg10(pressure) is { } stall)
                samples.TryAdd(new Sample(SampleMetric.MemoryPressureSomeAvg10, Subject, now, stall));
        }
        return issue is null ? [] : [issue];
    }

    /// <summary>The issue for these readings, or null when memory is fine.</summary>
    public static Issue? Evaluate(IReadOnlyDictionary<string, long> memInfo, string? pressureText, string? pressureAbsent,
        MemoryProbeOptions thresholds, DateTimeOffset now)
    {
        if (!memInfo.TryGetValue("MemTotal", out var total) || total <= 0 || !memInfo.TryGetValue("MemAvailable", out var available))
            throw new ProbeUnavailableException("/proc/meminfo has no MemTotal or MemAvailable (kernel older than 3.14?)");

        var availablePercent = 100.0 * available / total;
        var avg10 = pressureText is null ? null : PressureStall.SomeAvg10(pressureText);
        pressureAbsent ??= avg10 is null ? "the pressure file has no \"some avg10\" figure; judged by MemAvailable alone" : null;

        var severity = availablePercent <= thresholds.AvailableCriticalPercent ? IssueSeverity.Critical
            : availablePercent <= thresholds.AvailableWarningPercent ? IssueSeverity.Warning
            : (IssueSeverity?)null;
        // A threshold of 0 means "any stall at all"; a figure of exactly 0 is no stall.
        var stalling = avg10 is { } stall && stall > 0 && stall >= thresholds.PsiSomeAvg10Warning;
        if (stalling && severity is null)
            severity = IssueSeverity.Warning;
        if (severity is null)
            return null;

        var summary = stalling && availablePercent > thresholds.AvailableWarningPercent
            ? $"Tasks stalled on memory {Number(avg10!.Value)} % of the last 10 s ({ByteSize.Format(available)} available)"
            : $"Only {ByteSize.Format(available)} of {ByteSize.Format(total)} memory available ({Number(availablePercent)} %)";
        var evidence = new Dictionary<string, string>
        {
            ["mem_total_bytes"] = total.ToString(CultureInfo.InvariantCulture),
            ["mem_available_bytes"] = available.ToString(CultureInfo.InvariantCulture),
            ["available"] = ByteSize.Format(available),
            ["available_percent"] = Number(availablePercent),
            ["available_warning_percent"] = thresholds.AvailableWarningPercent.ToString(CultureInfo.InvariantCulture),
            ["available_critical_percent"] = thresholds.AvailableCriticalPercent.ToString(CultureInfo.InvariantCulture),
            ["psi_some_avg10_warning"] = Number(thresholds.PsiSomeAvg10Warning),
        };
        if (avg10 is { } value)
            evidence["psi_some_avg10"] = Number(value);
        else
            evidence["psi"] = pressureAbsent!;
        if (memInfo.TryGetValue("SwapTotal", out var swapTotal) && memInfo.TryGetValue("SwapFree", out var swapFree))
            evidence["swap_used_bytes"] = (swapTotal - swapFree).ToString(CultureInfo.InvariantCulture);
        return new Issue(IssueKind.MemoryPressure, Subject, severity.Value, summary, evidence, now, now);
    }

    private static string Number(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);
}
