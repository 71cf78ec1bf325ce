using Anna.Core.Vocabulary;
using System.Globalization;
using System.Text.RegularExpressions;
using Anna.Core.Issues;

namespace Anna.Dashboard.Components.History;

/// <summary>
/// Addresses of the history page that open it filtered, on one entry's drawer, or on the undo flow
/// for chosen actions — what the auto-heal toast links to — and the reading of them back. A query
/// string is typed by anyone: a value that does not parse is ignored, never passed on.
/// </summary>
public static partial class HistoryLinks
{
    public const string Path = "/history";

    /// <summary>At most this many ids in one undo link; more is not something a toast produces.</summary>
    public const int MaxIds = 50;

    private const string DayFormat = "yyyy-MM-dd";
    private const int MaxSubjectLength = 200;

    /// <summary>History narrowed to <paramref name="filter"/>, with the drawer open on <paramref name="open"/> when given.</summary>
    public static string To(HistoryFilterSelection filter, long? open = null)
    {
        var query = new List<string>();
        if (open is { } id)
            query.Add($"id={id.ToString(CultureInfo.InvariantCulture)}");
        if (filter.IssueKind is { } kind)
            query.Add($"kind={Uri.EscapeDataString(kind)}");
        if (filter.Action is { } action)
            query.Add($"action={Uri.EscapeDataString(action)}");
        if (filter.Outcome is { } outcome)
            query.Add($"outcome={outcome.Name()}");
        if (filter.From is { } from)
            query.Add($"from={from.ToString(DayFormat, CultureInfo.InvariantCulture)}");
        if (filter.To is { } to)
            query.Add($"to={to.ToString(DayFormat, CultureInfo.InvariantCulture)}");
        if (!string.IsNullOrWhiteSpace(filter.Subject))
            query.Add($"subject={Uri.EscapeDataString(filter.Subject.Trim())}");
        return query.Count == 0 ? Path : $"{Path}?{string.Join('&', query)}";
    }

    /// <summary>The undo flow for these actions, newest first, with the newest one's drawer open.</summary>
    public static string Undo(IReadOnlyCollection<long> ids)
    {
        ArgumentOutOfRangeException.ThrowIfZero(ids.Count);
        var ordered = ids.Distinct().OrderDescending().Take(MaxIds).ToList();
        return $"{Path}?id={ordered[0].ToString(CultureInfo.InvariantCulture)}&undo={string.Join(',', ordered.Select(i => i.ToString(CultureInfo.InvariantCulture)))}";
    }

    public static long? ParseId(string? text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;

    /// <summary>Comma-separated positive ids; anything else in the list is dropped.</summary>
    public static IReadOnlyList<long> ParseIds(string? text) =>
        string.IsNullOrEmpty(text)
            ? []
            : text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(ParseId).OfType<long>().Distinct().OrderDescending().Take(MaxIds).ToList();

    public static HistoryFilterSelection ParseFilter(string? kind, string? action, string? outcome, string? from, string? to, string? subject) => new()
    {
        IssueKind = kind is not null && IssueKind.All.Contains(kind) ? kind : null,
        Action = action is not null && ActionName().IsMatch(action) ? action : null,
        Outcome = Enum.GetValues<ActionOutcome>().Cast<ActionOutcome?>().FirstOrDefault(o => o!.Value.Name() == outcome),
        From = Day(from),
        To = Day(to),
        Subject = subject is { Length: > 0 and <= MaxSubjectLength } ? subject : null,
    };

    private static DateTime? Day(string? text) =>
        DateTime.TryParseExact(text, DayFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    [GeneratedRegex("^[a-z0-9_]{1,64}$")]
    private static partial Regex ActionName();
}
