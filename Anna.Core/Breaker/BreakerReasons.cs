using System.Globalization;

namespace Anna.Core.Breaker;

/// <summary>The words a <see cref="BreakerCheck"/> gives for its answer.</summary>
internal static class BreakerReasons
{
    public const string Closed = "circuit breaker closed";

    /// <summary>
    /// "gave up after 3 tries: circuit breaker open for web.service until 10:32 UTC (3 failed heals within 10 min),
    /// then one trial heal" — a subject's breaker says Anna stopped trying; the global one, that all healing waits.
    /// </summary>
    public static string Open(BreakerRecord record, DateTimeOffset now, TimeSpan window)
    {
        var count = record.Failures.Count;
        var trip = record.Trips > 1 ? $", trip {record.Trips}" : "";
        var what = $"{count} failed heal{(count == 1 ? "" : "s")} within {Minutes(window)} min{trip}";
        var open = $"{Name(record.Subject)} open{For(record.Subject)} until {When(BreakerTransitions.HalfOpenAt(record, window), now)} ({what}), then one trial heal";
        return record.Subject == BreakerRecord.Global ? open : $"gave up after {count} tr{(count == 1 ? "y" : "ies")}: {open}";
    }

    public static string TrialRunning(string breaker, string? runningFor) =>
        $"{Prefix(breaker)}half-open: a trial heal is already running{(runningFor is null ? "" : $" for {runningFor}")}";

    public static string TrialAllowed(string breaker, string subject) =>
        $"{Prefix(breaker)}half-open: one trial heal allowed for {subject}";

    private static string Name(string subject) =>
        subject == BreakerRecord.Global ? "global circuit breaker" : "circuit breaker";

    private static string For(string subject) => subject == BreakerRecord.Global ? "" : $" for {subject}";

    private static string Prefix(string breaker) => breaker == BreakerRecord.Global ? "global circuit breaker " : "";

    private static string Minutes(TimeSpan window) => window.TotalMinutes.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>The time alone when it is today; windows may be days long, so the date otherwise.</summary>
    private static string When(DateTimeOffset at, DateTimeOffset now)
    {
        var utc = at.UtcDateTime;
        var format = utc.Date == now.UtcDateTime.Date ? "HH:mm" : "yyyy-MM-dd HH:mm";
        return utc.ToString(format, CultureInfo.InvariantCulture) + " UTC";
    }
}
