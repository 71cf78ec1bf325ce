namespace Anna.Core.Prediction;

/// <summary>
/// The forecaster's parameters: the same for every series, never derived from a series' future or
/// its label. Chosen on one seed of the bench's labelled corpus (<c>forecast-eval</c>) and reported on
/// others. With the defaults a series holds 336 hours of maxima (5,376 bytes), the Theil–Sen work
/// space for 24 points (2,208 bytes) and a few hundred bytes of points and counters: about 8 KiB.
/// </summary>
public sealed record ExhaustionForecasterOptions
{
    /// <summary>Hours of hourly maxima kept; the longest horizon and the longest envelope must fit in it.</summary>
    public int HistoryHours { get; init; } = 336;

    /// <summary>
    /// The trend is fitted over each of these spans (hours) of the envelope: half a day, two days, a
    /// week. The short span follows a fill that started recently; the longer ones keep a download or
    /// the rising half of a slow sawtooth from passing for a trend.
    /// </summary>
    public IReadOnlyList<int> HorizonsHours { get; init; } = [12, 48, 168];

    /// <summary>Points per horizon (the span is sampled evenly); bounds the Theil–Sen work to n(n−1)/2 pairs.</summary>
    public int PointsPerHorizon { get; init; } = 24;

    /// <summary>A horizon counts once the series covers this share of it.</summary>
    public double HorizonCoverage { get; init; } = 0.75;

    /// <summary>
    /// Hours of samples before any forecast: the envelope needs a full day, two horizons must be there
    /// to agree, and before a sawtooth has fallen once its first tooth looks like a fill; 60 hours
    /// cover teeth up to two and a half days.
    /// </summary>
    public int MinHistoryHours { get; init; } = 60;

    /// <summary>The envelope's shortest window (hours): one day, so a daily cycle's peak is what is followed.</summary>
    public int EnvelopeHours { get; init; } = 24;

    /// <summary>
    /// A fall within an hour of at least this share of the metric's full scale (100 points for a
    /// percentage, the limit or the critical rate otherwise) is a cleanup: two of them set the envelope's
    /// window to <see cref="DropPeriodFactor"/> × the time between them, so a sawtooth's teeth are
    /// followed peak to peak instead of up each tooth.
    /// </summary>
    public double DropShare { get; init; } = 0.03;

    /// <summary>How much longer than the last tooth the envelope looks back (covers a slightly longer tooth).</summary>
    public double DropPeriodFactor { get; init; } = 1.5;

    /// <summary>
    /// The longest the envelope looks back (hours): a cleanup or a tooth older than this no longer
    /// holds the level, so a real fill after it is seen at last.
    /// </summary>
    public int MaxEnvelopeHours { get; init; } = 168;

    /// <summary>
    /// Report the shortest horizon's ETA when it agrees (it follows a fill that started recently),
    /// instead of the deciding (median) horizon's.
    /// </summary>
    public bool ReportShortest { get; init; }

    /// <summary>Forecasts further out than this are information, not alerts.</summary>
    public TimeSpan AlertHorizon { get; init; } = TimeSpan.FromDays(7);

    /// <summary>The slope over a day measured in robust residual spreads that gives half confidence.</summary>
    public double HalfConfidenceSignificance { get; init; } = 2.0;

    /// <summary>The smallest residual spread, as a share of full scale: a perfectly straight fill is not infinitely certain.</summary>
    public double SpreadFloorShare { get; init; } = 0.001;

    /// <summary>
    /// Confidence is multiplied by (share of horizons whose ETA is within the alert horizon) to this power;
    /// 0 leaves agreement to the median rule alone.
    /// </summary>
    public double AgreementWeight { get; init; } = 1;

    /// <summary>For a restart counter: how many standard deviations (√rate) the busiest hour of a day exceeds the mean rate.</summary>
    public double PeakDeviations { get; init; } = 2;

    /// <summary>An alert needs at least this confidence.</summary>
    public double MinConfidence { get; init; } = 0.5;

    /// <summary>
    /// Consecutive hourly evaluations that must agree before an alert: a burst is not a trend, and a
    /// download is usually finished (and often deleted) within a few hours. Seven, chosen on training
    /// corpora (seeds 1 and 2, noise ×1 and ×2; 5, 7 or 9 hours at confidence 0.5, 0.6 or 0.7): the most
    /// accurate setting with at most 2 % false alarms on all four. Five had 3.1 % at twice the noise.
    /// </summary>
    public int Persistence { get; init; } = 7;

    /// <summary>While alerting, a new alert is raised when the ETA moved by this share of the time left.</summary>
    public double Reforecast { get; init; } = 0.25;

    public static ExhaustionForecasterOptions Default { get; } = new();

    public void Validate()
    {
        var errors = new List<string>();
        if (HistoryHours is < 24 or > 24 * 60)
            errors.Add("HistoryHours must be 24..1440.");
        if (HorizonsHours.Count == 0 || HorizonsHours.Any(h => h < 2 || h > HistoryHours))
            errors.Add("HorizonsHours must be one or more spans of 2..HistoryHours.");
        if (PointsPerHorizon is < 4 or > 64)
            errors.Add("PointsPerHorizon must be 4..64.");
        if (HorizonCoverage is <= 0 or > 1)
            errors.Add("HorizonCoverage must be in (0, 1].");
        if (MinHistoryHours < 2 || MinHistoryHours > HistoryHours)
            errors.Add("MinHistoryHours must be 2..HistoryHours.");
        if (EnvelopeHours < 1 || EnvelopeHours > HistoryHours)
            errors.Add("EnvelopeHours must be 1..HistoryHours.");
        if (MaxEnvelopeHours < EnvelopeHours || MaxEnvelopeHours > HistoryHours)
            errors.Add("MaxEnvelopeHours must be EnvelopeHours..HistoryHours.");
        if (!(DropShare > 0))
            errors.Add("DropShare must be positive.");
        if (!(DropPeriodFactor >= 1))
            errors.Add("DropPeriodFactor must be 1 or more.");
        if (AlertHorizon <= TimeSpan.Zero)
            errors.Add("AlertHorizon must be positive.");
        if (!(HalfConfidenceSignificance > 0))
            errors.Add("HalfConfidenceSignificance must be positive.");
        if (!(SpreadFloorShare > 0))
            errors.Add("SpreadFloorShare must be positive.");
        if (!(AgreementWeight >= 0))
            errors.Add("AgreementWeight must be 0 or more.");
        if (!(PeakDeviations >= 0))
            errors.Add("PeakDeviations must be 0 or more.");
        if (MinConfidence is < 0 or > 1)
            errors.Add("MinConfidence must be in [0, 1].");
        if (Persistence < 1)
            errors.Add("Persistence must be 1 or more.");
        if (!(Reforecast > 0))
            errors.Add("Reforecast must be positive.");
        if (errors.Count > 0)
            throw new ArgumentException(string.Join(" ", errors));
    }
}
