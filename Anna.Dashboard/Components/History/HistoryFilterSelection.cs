using Anna.Core.Vocabulary;
using Anna.Core.History;

namespace Anna.Dashboard.Components.History;

/// <summary>
/// What the person picked in the filter bar, in the terms they picked it: whole days of the host's
/// calendar. <see cref="ToStoreFilter"/> turns it into the instants the store filters on.
/// </summary>
public sealed record HistoryFilterSelection
{
    public static readonly HistoryFilterSelection None = new();

    public string? IssueKind { get; init; }

    public string? Action { get; init; }

    public ActionOutcome? Outcome { get; init; }

    /// <summary>First day shown, in the host's local time (the time column shows local time too).</summary>
    public DateTime? From { get; init; }

    /// <summary>Last day shown, inclusive, in the host's local time.</summary>
    public DateTime? To { get; init; }

    /// <summary>Part of the subject (unit name, mount point, …), case-insensitive.</summary>
    public string? Subject { get; init; }

    /// <summary>From the start of <see cref="From"/> up to (not including) the start of the day after <see cref="To"/>, in <paramref name="zone"/>.</summary>
    public HistoryFilter ToStoreFilter(TimeZoneInfo zone) => new()
    {
        IssueKind = IssueKind,
        Action = Action,
        Outcome = Outcome,
        From = From is { } from ? StartOfDay(from, zone) : null,
        Until = To is { } to ? StartOfDay(to.Date.AddDays(1), zone) : null,
        Subject = Subject,
    };

    private static DateTimeOffset StartOfDay(DateTime day, TimeZoneInfo zone)
    {
        var midnight = DateTime.SpecifyKind(day.Date, DateTimeKind.Unspecified);
        return new DateTimeOffset(midnight, zone.GetUtcOffset(midnight));
    }
}
