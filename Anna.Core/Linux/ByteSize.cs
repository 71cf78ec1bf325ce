using System.Globalization;

namespace Anna.Core.Linux;

/// <summary>
/// The one way Anna writes a byte count for people, and reads one from systemd. Every size Anna shows
/// is its own measure of disk, memory or files (Anna never quotes apt's printed figures), so all of
/// them are binary multiples, as df -h, du -h and systemd show them: the same bytes never read as two
/// sizes on one row.
/// </summary>
public static class ByteSize
{
    private static readonly string[] Units = ["B", "KB", "MB", "GB", "TB", "PB"];

    /// <summary>Binary multiples with the short names people expect: 2.3 GB means 2.3 × 2^30 bytes.</summary>
    public static string Format(long bytes)
    {
        double value = bytes;
        var unit = 0;
        while (Math.Abs(value) >= 1024 && unit < Units.Length - 1)
        {
            value /= 1024;
            unit++;
        }
        return unit == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes} B")
            : string.Create(CultureInfo.InvariantCulture, $"{value:0.#} {Units[unit]}");
    }

    /// <summary>
    /// Parses systemd's format_bytes output: "0B", "8.0M", "1.2G", "512.0K" (binary multiples).
    /// </summary>
    public static bool TryParseSystemd(string text, out long bytes)
    {
        bytes = 0;
        text = text.Trim();
        if (text.Length == 0)
            return false;
        var multiplier = text[^1] switch
        {
            'B' => 1L,
            'K' => 1L << 10,
            'M' => 1L << 20,
            'G' => 1L << 30,
            'T' => 1L << 40,
            'P' => 1L << 50,
            _ => 0L,
        };
        var number = multiplier == 0 ? text : text[..^1];
        if (multiplier == 0)
            multiplier = 1;
        if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            return false;
        bytes = (long)Math.Round(value * multiplier);
        return true;
    }
}
