using System.Globalization;
using System.Text.RegularExpressions;
using Anna.Core.History;
using Anna.Core.Vocabulary;

namespace Anna.Server.Api;

/// <summary>
/// The filters of <c>GET /api/v1/history</c>, checked and turned into the store's
/// <see cref="HistoryFilter"/> (the same one the dashboard uses). Each bad value is an error
/// naming its parameter.
/// </summary>
internal static partial class HistoryQuery
{
    public const int MaxSubjectLength = 256;

    public static HistoryFilter Parse(string? issueType, string? action, string? outcome, string? from, string? until, string? subject,
        Dictionary<string, string[]> errors)
    {
        var filter = HistoryFilter.None;
        if (issueType is not null)
        {
            if (Identifier().IsMatch(issueType))
                filter = filter with { IssueKind = issueType };
            else
                errors["issueType"] = ["issueType is a snake_case issue kind, e.g. failed_service"];
        }
        if (action is not null)
        {
            if (Identifier().IsMatch(action))
                filter = filter with { Action = action };
            else
                errors["action"] = ["action is a snake_case action name, e.g. restart_service"];
        }
        if (outcome is not null)
        {
            var known = Enum.GetValues<ActionOutcome>().ToDictionary(EnumNames<ActionOutcome>.ToName, o => o, StringComparer.Ordinal);
            if (known.TryGetValue(outcome, out var value))
                filter = filter with { Outcome = value };
            else
                errors["outcome"] = [$"outcome must be one of {string.Join(", ", known.Keys)}"];
        }
        if (from is not null)
        {
            if (TryTime(from, out var at))
                filter = filter with { From = at };
            else
                errors["from"] = ["from is a time with its offset, e.g. 2026-11-28T00:00:00Z"];
        }
        if (until is not null)
        {
            if (TryTime(until, out var at))
                filter = filter with { Until = at };
            else
                errors["until"] = ["until is a time with its offset, e.g. 2026-11-29T00:00:00Z"];
        }
        if (filter.From is { } start && filter.Until is { } end && end <= start)
            errors["until"] = ["until must be later than from"];
        if (subject is not null)
        {
            if (subject.Length <= MaxSubjectLength && !subject.Any(char.IsControl))
                filter = filter with { Subject = subject };
            else
                errors["subject"] = [$"subject is up to {MaxSubjectLength} characters of text to look for"];
        }
        return filter;
    }

    // A time without an offset would be read in the server's zone; asking for the offset avoids guessing.
    private static bool TryTime(string text, out DateTimeOffset at) =>
        DateTimeOffset.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK"],
            CultureInfo.InvariantCulture, DateTimeStyles.None, out at) && (text.EndsWith('Z') || text[^6] is '+' or '-');

    [GeneratedRegex("^[a-z][a-z0-9_]{0,63}$")]
    private static partial Regex Identifier();
}
