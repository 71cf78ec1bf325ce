namespace Anna.Core.Samples;

/// <summary>
/// How long each resolution is kept and the bounds that make the store's size a known number.
/// <para>
/// Worst case: a series keeps at most one raw sample per <see cref="MinRawSpacing"/> (denser ones are
/// skipped by the writer), so 48 h hold 5,760 raw rows; 30 days of 5-minute buckets are 8,640 rows and
/// a year of hourly ones 8,760: 23,160 rows per series. Measured on SQLite with every index, that is
/// 2.0 MB per series (<see cref="MaxBytesPerSeries"/> is the tested bound), so <see cref="MaxSeries"/>
/// (128) series at most take ~260 MB. A typical host (a few mounts, memory, a handful of failing
/// units, the five activity series: ~25 series) stays near 50 MB after a year. Samples of a new series beyond the cap are not
/// stored (the writer counts them as skipped).
/// </para>
/// </summary>
public static class SampleRetention
{
    public static readonly TimeSpan Raw = TimeSpan.FromHours(48);
    public static readonly TimeSpan FiveMinutes = TimeSpan.FromDays(30);
    public static readonly TimeSpan Hour = TimeSpan.FromDays(365);

    /// <summary>At most one raw sample per series this often: a probe run every second must not grow the file.</summary>
    public static readonly TimeSpan MinRawSpacing = TimeSpan.FromSeconds(30);

    /// <summary>A bucket is rolled up only once it ended this long ago, so samples still in the queue are in it.</summary>
    public static readonly TimeSpan RollupDelay = TimeSpan.FromMinutes(1);

    public const int MaxSeries = 128;

    /// <summary>The measured size of one series at its worst case, rows and indexes, with room to spare (tested).</summary>
    public const long MaxBytesPerSeries = 2_500_000;

    public static TimeSpan KeptFor(SampleResolution resolution) => resolution switch
    {
        SampleResolution.Raw => Raw,
        SampleResolution.FiveMinutes => FiveMinutes,
        SampleResolution.Hour => Hour,
        _ => throw new ArgumentOutOfRangeException(nameof(resolution), resolution, null),
    };

    /// <summary>The width of one bucket; zero for raw samples.</summary>
    public static TimeSpan Width(SampleResolution resolution) => resolution switch
    {
        SampleResolution.Raw => TimeSpan.Zero,
        SampleResolution.FiveMinutes => TimeSpan.FromMinutes(5),
        SampleResolution.Hour => TimeSpan.FromHours(1),
        _ => throw new ArgumentOutOfRangeException(nameof(resolution), resolution, null),
    };

    /// <summary>The finest resolution still kept for a range starting at <paramref name="from"/>.</summary>
    public static SampleResolution FinestFor(DateTimeOffset from, DateTimeOffset now) =>
        from >= now - Raw ? SampleResolution.Raw
        : from >= now - FiveMinutes ? SampleResolution.FiveMinutes
        : SampleResolution.Hour;
}
