using Anna.Core.Prediction;
using Anna.Core.Samples;

namespace Anna.Bench;

/// <summary>
/// What a person sees of the anomaly detection: the daemon's <see cref="AnomalyWatch"/> (the production
/// class, with one <see cref="AnomalyRule"/>) run over a file as one series, sample by sample, scored 1 at
/// each sample where it raises a new anomaly and 0 elsewhere. NAB's scorer then counts those raises
/// as detections, so the watch's false anomalies are its false positives.
/// </summary>
internal static class WatchRaises
{
    private static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static double[] Of(NabSeries series, AnomalyRule rule)
    {
        var watch = new AnomalyWatch(rule);
        var raised = new double[series.Length];
        DateTimeOffset? since = null;
        for (var i = 0; i < series.Length; i++)
        {
            // The file's own timestamps do not matter to the watch's rule; a minute apart keeps "at the same time" out of it.
            watch.Observe(new Sample("nab_value", series.RelativePath, Epoch.AddMinutes(i), series.Values[i]));
            var current = watch.Current();
            var now = current.Count > 0 ? current[0].Since : (DateTimeOffset?)null;
            if (now is not null && now != since)
                raised[i] = 1;
            since = now;
        }
        return raised;
    }
}
