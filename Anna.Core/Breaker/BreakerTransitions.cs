using Anna.Core.Policy;

namespace Anna.Core.Breaker;

/// <summary>
/// The breaker's rules as pure functions on <see cref="BreakerRecord"/>; the caller holds the
/// lock and the clock. A function returns the same instance when nothing changed, so callers
/// can tell whether there is anything to save.
/// </summary>
internal static class BreakerTransitions
{
    public static BreakerRecord Closed(string subject) => new(subject, BreakerState.Closed, [], null, 0);

    /// <summary>Options as they are now, with nonsense (zero, negative) raised to the least that makes sense.</summary>
    public static (int MaxFailures, TimeSpan Window) Limits(CircuitBreakerOptions options) =>
        (Math.Max(1, options.MaxFailures), TimeSpan.FromMinutes(Math.Max(1, options.FailureWindowMinutes)));

    public static DateTimeOffset HalfOpenAt(BreakerRecord record, TimeSpan window) =>
        (record.OpenedAt ?? DateTimeOffset.MinValue) + window;

    /// <summary>An open breaker whose window has passed lets one try through.</summary>
    public static BreakerRecord Advance(BreakerRecord record, DateTimeOffset now, TimeSpan window)
    {
        record = Rebase(record, now);
        // An open record without OpenedAt cannot say when it opened; better one trial than blocking forever.
        return record.State == BreakerState.Open && (record.OpenedAt is null || now >= HalfOpenAt(record, window))
            ? record with { State = BreakerState.HalfOpen }
            : record;
    }

    /// <summary>
    /// The wall clock can jump back (an admin's date, a bad NTP step): a time after now is taken as
    /// now, so a jump back never keeps a breaker open or a failure counting longer than its window.
    /// A jump forward simply ends windows early, which is what the clock says.
    /// </summary>
    public static BreakerRecord Rebase(BreakerRecord record, DateTimeOffset now)
    {
        var futureOpen = record.OpenedAt > now;
        var futureFailures = record.Failures.Any(f => f > now);
        if (!futureOpen && !futureFailures)
            return record;
        return record with
        {
            OpenedAt = futureOpen ? now : record.OpenedAt,
            Failures = futureFailures ? record.Failures.Select(f => f > now ? now : f).ToArray() : record.Failures,
        };
    }

    public static BreakerRecord Fail(BreakerRecord record, DateTimeOffset now, int maxFailures, TimeSpan window)
    {
        var failures = Prune(record.Failures, now, window).Append(now).ToArray();
        var trips = record.State switch
        {
            BreakerState.HalfOpen => true,
            BreakerState.Closed => failures.Length >= maxFailures,
            _ => false, // already open: a late failure counts, but it is not a new trip
        };
        return trips
            ? record with { State = BreakerState.Open, Failures = failures, OpenedAt = now, Trips = record.Trips + 1 }
            : record with { Failures = failures };
    }

    /// <param name="forgetFailures">
    /// True for a unit's own breaker: a success means the unit recovered, so its old failures
    /// no longer predict anything. The global breaker keeps counting within its window.
    /// </param>
    public static BreakerRecord Succeed(BreakerRecord record, DateTimeOffset now, TimeSpan window, bool forgetFailures) =>
        record.State switch
        {
            BreakerState.HalfOpen => record with { State = BreakerState.Closed, Failures = [] },
            BreakerState.Closed when forgetFailures => record.Failures.Count == 0 ? record : record with { Failures = [] },
            BreakerState.Closed => Pruned(record, now, window),
            // A late success while open (a heal that began before the trip) does not close it:
            // the window or a person does.
            _ => record,
        };

    public static BreakerRecord Reset(BreakerRecord record) =>
        record.State == BreakerState.Closed && record.Failures.Count == 0
            ? record
            : record with { State = BreakerState.Closed, Failures = [] };

    private static BreakerRecord Pruned(BreakerRecord record, DateTimeOffset now, TimeSpan window)
    {
        var kept = Prune(record.Failures, now, window);
        return ReferenceEquals(kept, record.Failures) ? record : record with { Failures = kept };
    }

    /// <summary>Failures that still count: strictly younger than the window.</summary>
    private static IReadOnlyList<DateTimeOffset> Prune(IReadOnlyList<DateTimeOffset> failures, DateTimeOffset now, TimeSpan window)
    {
        var cutoff = now - window;
        return failures.All(f => f > cutoff) ? failures : failures.Where(f => f > cutoff).ToArray();
    }
}
