using System.Globalization;

namespace Anna.Server.Api;

/// <summary>Query-string numbers and times checked the same way everywhere: a bad one is an error naming it.</summary>
internal static class Paging
{
    public static int Number(string? text, string name, int min, int max, int fallback, Dictionary<string, string[]> errors)
    {
        if (text is null)
            return fallback;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
            return value;
        errors[name] = [$"{name} is a whole number from {min} to {max}"];
        return fallback;
    }

    public static DateTimeOffset? Time(string? text, string name, Dictionary<string, string[]> errors)
    {
        if (text is null)
            return null;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) && text.Contains('T'))
            return at;
        errors[name] = [$"{name} is a time with its offset, e.g. 2026-11-28T00:00:00Z"];
        return null;
    }
}
