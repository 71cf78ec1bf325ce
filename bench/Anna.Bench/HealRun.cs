namespace Anna.Bench;

/// <summary>The kill → heal trials of one phase of the load bench, and the heals it missed.</summary>
internal sealed record HealRun(List<HealTiming> Trials, int Missed)
{
    /// <summary>The trials run: the healed and the missed (fewer than asked when the time budget ran out).</summary>
    public int Done => Trials.Count + Missed;

    public List<TimeSpan> Latencies => [.. Trials.Select(t => t.Total)];

    public List<TimeSpan> Down => [.. Trials.Where(t => t.Down is not null).Select(t => t.Down!.Value)];

    /// <summary>Systemd noticed → Anna began: the signal read, the unit asked again, the decision.</summary>
    public List<TimeSpan> Noticing => [.. Trials.Where(t => t.Down is not null && t.Intent is not null).Select(t => t.Intent!.Value - t.Down!.Value)];

    /// <summary>Anna began → active: the journal write, the restart job and the unit's start.</summary>
    public List<TimeSpan> Acting => [.. Trials.Where(t => t.Intent is not null).Select(t => t.Total - t.Intent!.Value)];
}
