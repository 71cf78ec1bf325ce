namespace Anna.Bench;

/// <summary>
/// The forecast scorer, pure arithmetic. A series is positive when it crossed (see <see cref="ForecastTruth"/>)
/// at T. An alert counts when its ETA is at most <see cref="Horizon"/> after it was raised. A positive is
/// prevented when its first counted alert comes at least <see cref="MinimumLead"/> before T; a negative
/// with any counted alert is a false alarm. Accuracy = (prevented + quiet negatives) / series; false
/// positive rate = false alarms / negatives; prevention = prevented / positives; the median lead
/// (T − first counted alert) and the median relative ETA error (|ETA − T| / lead) are over the
/// positives whose first counted alert came before T.
/// </summary>
internal static class ForecastScorer
{
    public static readonly TimeSpan Horizon = TimeSpan.FromDays(7);
    public static readonly TimeSpan MinimumLead = TimeSpan.FromHours(1);

    public static ForecastOutcome Outcome(DateTime? crossing, IEnumerable<ForecastAlert> alerts)
    {
        // "First" is the order raised, which is the order of At in a replay.
        var first = alerts.FirstOrDefault(a => a.Eta <= a.At + Horizon);
        return crossing is { } t
            ? new ForecastOutcome(t, first, first is not null && first.At <= t - MinimumLead, false)
            : new ForecastOutcome(null, first, false, first is not null);
    }

    public static ForecastScore Score(IReadOnlyCollection<ForecastOutcome> outcomes)
    {
        var positives = outcomes.Count(o => o.Positive);
        var negatives = outcomes.Count - positives;
        var prevented = outcomes.Count(o => o.Prevented);
        var falseAlarms = outcomes.Count(o => o.FalseAlarm);
        var leads = outcomes.Select(o => o.Lead).OfType<TimeSpan>().Select(l => l.TotalHours).ToList();
        var errors = outcomes.Select(o => o.RelativeEtaError).OfType<double>().ToList();
        return new ForecastScore(
            outcomes.Count,
            positives,
            negatives,
            prevented,
            falseAlarms,
            Ratio(prevented + negatives - falseAlarms, outcomes.Count),
            Ratio(falseAlarms, negatives),
            Ratio(prevented, positives),
            leads.Count > 0 ? TimeSpan.FromHours(Median(leads)) : null,
            errors.Count > 0 ? Median(errors) : double.NaN);
    }

    public static double Median(IReadOnlyCollection<double> values)
    {
        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static double Ratio(int part, int whole) => whole == 0 ? double.NaN : (double)part / whole;
}
