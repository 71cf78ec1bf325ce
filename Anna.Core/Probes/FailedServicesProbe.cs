using System.Globalization;
using Anna.Core.Issues;
using Anna.Core.Linux.Systemd;
using Anna.Core.Samples;

namespace Anna.Core.Probes;

/// <summary>
/// Raises a <see cref="IssueKind.FailedService"/> issue for every unit systemd reports as failed. The
/// evidence keeps what later explains a recurring failure: the exit status, whether the OOM killer
/// ended it and its MemoryMax=. With <paramref name="samples"/>, each failed unit's restart count
/// is queued as a sample.
/// </summary>
public sealed class FailedServicesProbe(ISystemdManager systemd, TimeProvider time, ISampleSink? samples = null) : IProbe
{
    public string Name => "failed_services";

    public IReadOnlyList<string> Kinds { get; } = [IssueKind.FailedService];

    public async Task<IReadOnlyList<Issue>> ScanAsync(CancellationToken cancellationToken)
    {
        if (systemd.State != SystemdConnectionState.Connected)
            throw new InvalidOperationException($"systemd is not reachable: {systemd.StateReason}");
        var failed = await systemd.ListFailedUnitsAsync(cancellationToken);
        var now = time.GetUtcNow();
        if (samples is not null)
        {
            foreach (var unit in failed)
                samples.TryAdd(new Sample(SampleMetric.UnitRestarts, unit.Name.Value, now, unit.NRestarts));
        }
        return failed.Select(u => ToIssue(u, now)).ToList();
    }

    /// <summary>The issue for one failed unit, as seen now.</summary>
    public static Issue ToIssue(UnitStatus unit, DateTimeOffset now)
    {
        var why = unit.HitStartLimit ? "hit its start limit" : $"failed ({unit.Result})";
        var evidence = new Dictionary<string, string>
        {
            ["active_state"] = unit.ActiveState,
            ["sub_state"] = unit.SubState,
            ["result"] = unit.Result,
            ["restart"] = unit.Restart,
            ["n_restarts"] = unit.NRestarts.ToString(CultureInfo.InvariantCulture),
            ["exit_status"] = unit.ExecMainStatus.ToString(CultureInfo.InvariantCulture),
        };
        if (unit.OomKilled)
            evidence["oom_killed"] = "true";
        if (unit.MemoryMax is { } max)
            evidence["memory_max_bytes"] = max.ToString(CultureInfo.InvariantCulture);
        return new Issue(
            IssueKind.FailedService,
            unit.Name.Value,
            IssueSeverity.Warning,
            $"{unit.Name} {why}",
            evidence,
            now,
            now);
    }
}
