namespace Anna.Core.Engine;

/// <summary>
/// Running totals of probe runs since start-up, per probe: how many, how many failed, and how
/// long the last one took. Metrics read them when scraped; the scheduler is the only writer.
/// </summary>
public sealed class ProbeStatistics
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ProbeTally> _tallies = new(StringComparer.Ordinal);

    /// <summary>Counts one run. A probe that cannot run on this machine is not a failure.</summary>
    public void Record(string probe, TimeSpan took, bool failed)
    {
        lock (_gate)
        {
            var tally = _tallies.GetValueOrDefault(probe);
            _tallies[probe] = new ProbeTally(probe, tally?.Runs + 1 ?? 1, (tally?.Failures ?? 0) + (failed ? 1 : 0), took);
        }
    }

    public IReadOnlyList<ProbeTally> Snapshot()
    {
        lock (_gate)
            return _tallies.Values.OrderBy(t => t.Probe, StringComparer.Ordinal).ToList();
    }
}
