using System.Globalization;
using Anna.Core.Issues;
using Anna.Core.Prediction;

namespace Anna.Core.Probes;

/// <summary>
/// Turns the <see cref="AnomalyWatch"/>'s lasting anomalies into <see cref="IssueKind.Anomaly"/>
/// issues: information for a person (a warning once one has lasted <see cref="WarnAfter"/> samples),
/// with the series unusual at the same time as the likely cause. No action heals an anomaly: it says
/// "look here", and the other probes decide whether something is broken.
/// </summary>
public sealed class AnomalyProbe(AnomalyWatch watch, TimeProvider time) : IProbe
{
    /// <summary>An anomaly this many samples long (an hour of disk samples) is worth a warning.</summary>
    public const int WarnAfter = 12;

    public string Name => "anomalies";

    public IReadOnlyList<string> Kinds { get; } = [IssueKind.Anomaly];

    public TimeSpan? Interval => TimeSpan.FromSeconds(30);

    public Task<IReadOnlyList<Issue>> ScanAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        IReadOnlyList<Issue> issues = [.. watch.Current().Select(a => ToIssue(a, now))];
        return Task.FromResult(issues);
    }

    public static Issue ToIssue(Anomaly anomaly, DateTimeOffset now)
    {
        var evidence = new Dictionary<string, string>
        {
            ["metric"] = anomaly.Metric,
            ["subject"] = anomaly.Subject,
            ["value"] = anomaly.Value.ToString("R", CultureInfo.InvariantCulture),
            ["surprise"] = anomaly.Surprise.ToString("0.00", CultureInfo.InvariantCulture),
            ["unusual_samples"] = anomaly.Samples.ToString(CultureInfo.InvariantCulture),
            ["since"] = anomaly.Since.ToString("O", CultureInfo.InvariantCulture),
        };
        if (anomaly.MovedWith.Count > 0)
            evidence["moved_with"] = string.Join(", ", anomaly.MovedWith);
        var cause = anomaly.MovedWith.Count > 0 ? $"; at the same time: {string.Join(", ", anomaly.MovedWith.Take(3))}" : "";
        var summary = $"{anomaly.Metric} of {anomaly.Subject} is unlike its past: {Format(anomaly.Metric, anomaly.Value)} now, " +
                      $"{anomaly.Samples} unusual samples in a row{cause}";
        var severity = anomaly.Samples >= WarnAfter ? IssueSeverity.Warning : IssueSeverity.Info;
        return new Issue(IssueKind.Anomaly, $"{anomaly.Metric}:{anomaly.Subject}", severity, summary, evidence, anomaly.Since, now);
    }

    private static string Format(string metric, double value) =>
        metric.EndsWith("_bytes", StringComparison.Ordinal)
            ? value >= 1 << 30 ? $"{(value / (1 << 30)).ToString("0.0", CultureInfo.InvariantCulture)} GiB" : $"{(value / (1 << 20)).ToString("0.0", CultureInfo.InvariantCulture)} MiB"
            : value.ToString("0.##", CultureInfo.InvariantCulture);
}
