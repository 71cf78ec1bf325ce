namespace Anna.Core.Linux.Packages.Pacman;

/// <summary>
/// pacman's version order (libalpm's <c>alpm_pkg_vercmp</c>, the one <c>vercmp</c> prints), ported
/// step by step: Debian's pacman package ships no <c>vercmp</c>, and cache cleanup must rank
/// versions exactly as pacman does — "1.0rc1" before "1.0", "1:0.1" after "2.0".
/// </summary>
public static class PacmanVersion
{
    /// <summary>Orders versions oldest first.</summary>
    public static readonly IComparer<string> Comparer = Comparer<string>.Create(Compare);

    /// <summary>Negative when <paramref name="a"/> is older, 0 when equal in pacman's eyes, positive when newer.</summary>
    public static int Compare(string? a, string? b)
    {
        if (a is null || b is null)
            return a is null ? (b is null ? 0 : -1) : 1;
        if (a == b)
            return 0;
        var (epochA, versionA, releaseA) = Split(a);
        var (epochB, versionB, releaseB) = Split(b);
        var result = CompareSegments(epochA, epochB);
        if (result == 0)
            result = CompareSegments(versionA, versionB);
        // A version without a pkgrel matches any pkgrel of the same version.
        if (result == 0 && releaseA is not null && releaseB is not null)
            result = CompareSegments(releaseA, releaseB);
        return result;
    }

    /// <summary>[epoch:]version[-release]; the epoch defaults to 0, the release is after the last '-'.</summary>
    private static (string Epoch, string Version, string? Release) Split(string evr)
    {
        var digits = 0;
        while (digits < evr.Length && char.IsAsciiDigit(evr[digits]))
            digits++;
        var hasEpoch = digits < evr.Length && evr[digits] == ':';
        var epoch = hasEpoch ? (digits == 0 ? "0" : evr[..digits]) : "0";
        var rest = hasEpoch ? evr[(digits + 1)..] : evr;
        var dash = rest.LastIndexOf('-');
        // libalpm looks for the '-' only after the epoch's digits; a '-' inside them cannot exist.
        return dash < 0 ? (epoch, rest, null) : (epoch, rest[..dash], rest[(dash + 1)..]);
    }

    /// <summary>rpmvercmp: alternating numeric and alphabetic segments, separators only counted.</summary>
    private static int CompareSegments(string a, string b)
    {
        if (a == b)
            return 0;
        int one = 0, two = 0;   // start of the next segment
        int end1 = 0, end2 = 0; // end of the previous segment
        while (one < a.Length && two < b.Length)
        {
            while (one < a.Length && !char.IsAsciiLetterOrDigit(a[one]))
                one++;
            while (two < b.Length && !char.IsAsciiLetterOrDigit(b[two]))
                two++;
            if (one >= a.Length || two >= b.Length)
                break;
            // Different separator lengths decide on their own ("2___a" > "2_a").
            if (one - end1 != two - end2)
                return one - end1 < two - end2 ? -1 : 1;

            end1 = one;
            end2 = two;
            var isNumber = char.IsAsciiDigit(a[end1]);
            Func<char, bool> inSegment = isNumber ? char.IsAsciiDigit : char.IsAsciiLetter;
            while (end1 < a.Length && inSegment(a[end1]))
                end1++;
            while (end2 < b.Length && inSegment(b[end2]))
                end2++;

            // The other side has a segment of the other kind here: numbers are newer than letters.
            if (two == end2)
                return isNumber ? 1 : -1;

            var segment1 = a[one..end1];
            var segment2 = b[two..end2];
            if (isNumber)
            {
                segment1 = segment1.TrimStart('0');
                segment2 = segment2.TrimStart('0');
                if (segment1.Length != segment2.Length)
                    return segment1.Length > segment2.Length ? 1 : -1;
            }
            var compared = string.CompareOrdinal(segment1, segment2);
            if (compared != 0)
                return compared < 0 ? -1 : 1;
            one = end1;
            two = end2;
        }

        if (one >= a.Length && two >= b.Length)
            return 0;
        // What is left decides: a remaining letter segment never beats the end ("1.0rc" < "1.0"),
        // anything else that remains is newer.
        var aEnded = one >= a.Length;
        return (aEnded && !char.IsAsciiLetter(b[two])) || (!aEnded && char.IsAsciiLetter(a[one])) ? -1 : 1;
    }
}
