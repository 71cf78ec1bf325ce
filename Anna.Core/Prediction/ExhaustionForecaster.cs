namespace Anna.Core.Prediction;

/// <summary>
/// Predicts, sample by sample, when one series will reach its critical value, and says so when it is
/// confident. Pure: no IO, no clock (every timestamp comes with its sample), nothing looked up ahead.
/// <para>
/// How, and why each step:
/// <list type="number">
/// <item>Orientation: everything is turned into a level that rises towards critical (memory available is
/// negated; a restart counter becomes its increase over the trailing hour, <see cref="CounterRate"/>).</item>
/// <item>Held level: the lowest of the last three samples. A crossing only counts once held for three
/// samples, so a single spike is not the level the trend should follow.</item>
/// <item>Hourly maxima (<see cref="HourlyMaxima"/>, 14 days): the trend is evaluated once an hour, when an
/// hour closes, which bounds the work whatever the sampling rate.</item>
/// <item>Upper envelope: the highest hourly maximum of the last day. A daily cycle crosses at its peak, so
/// the peak is what is followed, and the trough does not bend the fit. A sawtooth (log rotation, cache
/// cleaning) is recognised by its falls: after two of them the envelope looks back 1.5 teeth, so it
/// follows the peaks of the teeth, flat when they are flat, rising when the floor rises; after one fall
/// it reaches back to just before it, so the peak a cleanup or a deleted download cut is the level to beat.</item>
/// <item>Trend: a Theil–Sen line (<see cref="TheilSen"/>) over each horizon (12 h, 2 days, 7 days), sampled
/// to at most 24 points. The median of pairwise slopes ignores a download that comes and goes, a cleanup,
/// a gap. Each horizon's slope, from the level now (never above the envelope), gives an ETA.</item>
/// <item>Decision: the median ETA (the later of the middle two) must be within the alert horizon
/// (7 days), so one horizon alone cannot raise an alert; it is the ETA reported.</item>
/// <item>Confidence: the deciding horizon's rise over a day in robust residual spreads, z² / (z² + h²),
/// times the share of horizons that agree. It must hold for
/// <see cref="ExhaustionForecasterOptions.Persistence"/> hours in a row: a burst is not a trend.</item>
/// <item>A restart counter's hours hold their mean rate and the envelope is the day's mean: single
/// restarts are noise hour to hour; the mean is followed towards the rate at which the busiest hour
/// reaches critical (<see cref="MeanRateAtCritical"/>).</item>
/// </list>
/// </para>
/// Memory is allocated at construction (<see cref="BufferBytes"/>, about 8 KiB with the defaults);
/// observing allocates nothing but the forecasts it makes while an alert stands (at most one an hour).
/// </summary>
public sealed class ExhaustionForecaster
{
    private readonly ExhaustionForecasterOptions _options;
    private readonly double _sign;
    private readonly double _critical;
    private readonly double _fullScale;
    private readonly CounterRate? _rate;
    private readonly HourlyMaxima _hours;
    private readonly double[] _x;
    private readonly double[] _y;
    private readonly double[] _scratch;
    private readonly int[] _horizons;

    private DateTime _last = DateTime.MinValue;
    private double _previous1 = double.NaN;
    private double _previous2 = double.NaN;
    private long _hour = long.MinValue;
    private double _hourMax = double.NegativeInfinity;
    private double _hourMin = double.PositiveInfinity;
    private double _hourSum;
    private int _hourCount;
    private double _previousHourMax = double.NaN;
    private long _firstHour = long.MinValue;
    private long _lastDrop = long.MinValue;
    private long _dropBefore = long.MinValue;
    private int _agreeing;
    private ExhaustionForecast? _raised;

    /// <param name="metric">What the series measures.</param>
    /// <param name="critical">The value that must not be reached (for a counter: restarts per hour).</param>
    public ExhaustionForecaster(ForecastMetric metric, double critical, ExhaustionForecasterOptions? options = null)
    {
        if (!double.IsFinite(critical))
            throw new ArgumentOutOfRangeException(nameof(critical), critical, "critical must be a number");
        _options = options ?? ExhaustionForecasterOptions.Default;
        _options.Validate();
        Metric = metric;
        Critical = critical;
        _sign = metric.FallsToCritical() ? -1 : 1;
        _critical = metric.IsCounter() ? MeanRateAtCritical(critical, _options.PeakDeviations) : _sign * critical;
        _fullScale = metric switch
        {
            ForecastMetric.UnitMemoryBytes or ForecastMetric.UnitRestartsTotal => Math.Max(Math.Abs(critical), 1e-9),
            _ => 100,
        };
        _rate = metric.IsCounter() ? new CounterRate() : null;
        _hours = new HourlyMaxima(_options.HistoryHours);
        _x = new double[_options.PointsPerHorizon];
        _y = new double[_options.PointsPerHorizon];
        _scratch = new double[Math.Max(TheilSen.ScratchFor(_options.PointsPerHorizon), _options.PointsPerHorizon)];
        _horizons = [.. _options.HorizonsHours.Order()];
    }

    /// <summary>
    /// Restarts come one by one, roughly as a Poisson process: in the busiest hour of a day the count
    /// exceeds the mean rate m by about <paramref name="deviations"/> standard deviations (√m), and it
    /// is the busiest hour that reaches critical c. So the mean rate is followed, towards the m that
    /// solves m + k√m = c.
    /// </summary>
    public static double MeanRateAtCritical(double critical, double deviations)
    {
        var root = (-deviations + Math.Sqrt(deviations * deviations + 4 * Math.Max(critical, 0))) / 2;
        return root * root;
    }

    public ForecastMetric Metric { get; }

    public double Critical { get; }

    /// <summary>
    /// For a counter, its increase over the hour before the newest sample, which is what critical is a rate of
    /// (NaN until an hour is seen, or after a gap); NaN for a gauge.
    /// </summary>
    public double LastHourIncrease { get; private set; } = double.NaN;

    /// <summary>The forecast in force: the last one raised, until the trend no longer supports it.</summary>
    public ExhaustionForecast? Current { get; private set; }

    /// <summary>Bytes of the buffers this series holds; fixed for the forecaster's life.</summary>
    public int BufferBytes =>
        _hours.BufferBytes + (_x.Length + _y.Length + _scratch.Length) * sizeof(double) + _horizons.Length * sizeof(int) + (_rate?.BufferBytes ?? 0);

    /// <summary>
    /// Learns one sample. Returns a forecast when an alert is raised now (the first of an episode, or one
    /// whose ETA moved notably), otherwise null. Samples that are not numbers, or not later than the
    /// previous one, are ignored.
    /// </summary>
    public ExhaustionForecast? Observe(DateTime timestamp, double value)
    {
        if (!double.IsFinite(value) || timestamp <= _last)
            return null;
        _last = timestamp;
        var level = _rate is null ? _sign * value : LastHourIncrease = _rate.Observe(timestamp, value);
        if (double.IsNaN(level))
            return null;
        var held = Math.Min(level, Math.Min(Or(_previous1, level), Or(_previous2, level)));
        _previous2 = _previous1;
        _previous1 = level;

        var hour = timestamp.Ticks / TimeSpan.TicksPerHour;
        ExhaustionForecast? raised = null;
        if (hour != _hour)
        {
            if (_hour != long.MinValue)
                raised = CloseHour(timestamp);
            else
                _firstHour = hour;
            _hour = hour;
            _hourMax = double.NegativeInfinity;
            _hourMin = double.PositiveInfinity;
            _hourSum = 0;
            _hourCount = 0;
        }
        _hourMax = Math.Max(_hourMax, held);
        _hourMin = Math.Min(_hourMin, held);
        _hourSum += level;
        _hourCount++;
        return raised;
    }

    private static double Or(double value, double otherwise) => double.IsNaN(value) ? otherwise : value;

    private ExhaustionForecast? CloseHour(DateTime at)
    {
        // A fall across an hour's edge shows in two hours in a row: one fall, dated by its first hour.
        var fell = !double.IsNaN(_previousHourMax) && _previousHourMax - _hourMin >= _options.DropShare * _fullScale;
        if (fell && _rate is null && (_lastDrop == long.MinValue || _hour - _lastDrop > 2))
        {
            _dropBefore = _lastDrop;
            _lastDrop = _hour;
        }
        _previousHourMax = _hourMax;
        // A gauge's hour is its highest held level; a counter's, its mean rate in the hour.
        _hours.Add(_hour, _rate is null ? _hourMax : _hourSum / _hourCount);
        return Evaluate(at);
    }

    private ExhaustionForecast? Evaluate(DateTime at)
    {
        var now = _hour + 1; // the end of the hour just closed, in hours
        if (now - _firstHour < _options.MinHistoryHours)
            return null;
        var window = EnvelopeWindow(now);
        var envelope = Envelope(0, window);
        if (envelope >= _critical)
            return Drop(); // already there: that is the threshold's business, not a forecast's

        var available = 0;
        var agreeing = 0;
        Span<double> slopes = stackalloc double[_horizons.Length];
        Span<double> spreads = stackalloc double[_horizons.Length];
        Span<double> etas = stackalloc double[_horizons.Length];
        var level = 0.0;
        foreach (var horizon in _horizons)
        {
            var fit = Fit(now, horizon, window);
            if (fit is not { } f)
                continue;
            // Every horizon extrapolates from the shortest one's level now: a longer one knows the slope
            // of a fill that started recently less well, but not where it stands now. Never above the
            // envelope itself: after a step (a download) the line through it can overshoot the series.
            if (available == 0)
                level = Math.Min(f.Level, envelope);
            slopes[available] = f.Slope;
            spreads[available] = f.Spread;
            etas[available] = f.Slope > 0 ? (_critical - level) / f.Slope : double.PositiveInfinity;
            if (etas[available] <= _options.AlertHorizon.TotalHours)
                agreeing++;
            available++;
        }
        if (available == 0)
            return Drop();
        // The median horizon decides (the later of the middle two): one horizon alone cannot alert.
        var chosen = MedianIndex(etas[..available]);
        var reported = _options.ReportShortest && etas[0] <= _options.AlertHorizon.TotalHours ? 0 : chosen;
        var slope = slopes[reported];
        if (etas[chosen] > _options.AlertHorizon.TotalHours || slope <= 0)
            return Drop();
        // Both the reported and the deciding horizon must rise clearly out of their own scatter.
        var z = Math.Min(Significance(slope, spreads[reported]), Significance(slopes[chosen], spreads[chosen]));
        var h = _options.HalfConfidenceSignificance;
        var confidence = z * z / (z * z + h * h) * Math.Pow((double)agreeing / available, _options.AgreementWeight);
        if (confidence < _options.MinConfidence)
            return Drop();

        if (++_agreeing < _options.Persistence)
            return null;
        var remaining = Math.Max(0, (_critical - level) / slope);
        var forecast = new ExhaustionForecast(at, Add(at, remaining), confidence, _sign * slope, _sign * level);
        Current = forecast;
        if (_raised is { } previous)
        {
            var left = Math.Max((previous.Eta - at).TotalHours, 1);
            if (Math.Abs((forecast.Eta - previous.Eta).TotalHours) < _options.Reforecast * left)
                return null;
        }
        _raised = forecast;
        return forecast;
    }

    // A day's rise in robust residual spreads (1.4826 · MAD, with a floor so a perfect line is not infinitely sure).
    private double Significance(double slope, double mad) =>
        slope * 24 / Math.Max(1.4826 * mad, _options.SpreadFloorShare * _fullScale);

    // The index of the upper median: for an even count the later of the middle two ETAs.
    private static int MedianIndex(ReadOnlySpan<double> etas)
    {
        for (var i = 0; i < etas.Length; i++)
        {
            int below = 0, equal = 0;
            foreach (var e in etas)
            {
                if (e < etas[i]) below++;
                else if (e == etas[i]) equal++;
            }
            var k = etas.Length / 2;
            if (below <= k && k < below + equal)
                return i;
        }
        return 0;
    }

    // The trend has stopped supporting an alert: the episode ends.
    private ExhaustionForecast? Drop()
    {
        _agreeing = 0;
        _raised = null;
        Current = null;
        return null;
    }

    private static DateTime Add(DateTime at, double hours) =>
        hours >= (DateTime.MaxValue - at).TotalHours ? DateTime.MaxValue : at.AddHours(hours);

    // A gauge's upper envelope; for a counter the mean rate over the window (its peaks are noise).
    private double Envelope(int back, int window) => _rate is null ? _hours.Envelope(back, window) : _hours.Mean(back, window);

    // One envelope day; after a fall, back to just before it, so the peak the cleanup cut stays the
    // level to beat (a download deleted again, a sawtooth's last tooth); after two falls, at least 1.5
    // teeth, so the peaks of a sawtooth are followed tooth to tooth. Never more than MaxEnvelopeHours.
    private int EnvelopeWindow(long now)
    {
        var window = (long)_options.EnvelopeHours;
        if (_lastDrop != long.MinValue)
            window = Math.Max(window, now - _lastDrop + 2);
        if (_dropBefore != long.MinValue)
            window = Math.Max(window, (long)Math.Ceiling(_options.DropPeriodFactor * (_lastDrop - _dropBefore)));
        return (int)Math.Min(window, _options.MaxEnvelopeHours);
    }

    // Theil–Sen over the envelope in (now − horizon, now], sampled to PointsPerHorizon points; null
    // when the series does not cover enough of the horizon yet. x is hours before now (≤ 0), so the
    // intercept is the level now.
    private (double Slope, double Level, double Spread)? Fit(long now, int horizon, int window)
    {
        if (now - _firstHour < _options.HorizonCoverage * horizon)
            return null;
        var stride = Math.Max(1, horizon / _options.PointsPerHorizon);
        var n = 0;
        for (var back = 0; back < _hours.Count && n < _x.Length; back += stride)
        {
            var hour = _hours.Hour(back);
            if (hour <= now - 1 - horizon)
                break;
            _x[n] = hour + 1 - now;
            _y[n] = Envelope(back, window);
            n++;
        }
        if (n < 4)
            return null;
        var (slope, intercept, mad) = TheilSen.Fit(_x.AsSpan(0, n), _y.AsSpan(0, n), _scratch);
        return (slope, intercept, mad);
    }
}
