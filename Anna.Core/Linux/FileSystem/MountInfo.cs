using System.Text;

namespace Anna.Core.Linux.FileSystem;

/// <summary>
/// Parses /proc/self/mountinfo (proc(5)): "36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw".
/// Paths are octal-escaped there (a space is \040), so they are unescaped here.
/// </summary>
public static class MountInfo
{
    public const string DefaultPath = "/proc/self/mountinfo";

    public static IReadOnlyList<MountEntry> Parse(string text)
    {
        var entries = new List<MountEntry>();
        foreach (var line in text.Split('\n'))
        {
            if (TryParseLine(line, out var entry))
                entries.Add(entry);
        }
        return entries;
    }

    /// <summary>False for a line that does not have the documented shape; such lines are skipped, not fatal.</summary>
    public static bool TryParseLine(string line, out MountEntry entry)
    {
        entry = null!;
        var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // Optional fields end at "-"; at least six fields come before it and three after it.
        if (fields.Length < 10)
            return false;
        var separator = Array.IndexOf(fields, "-", 6);
        if (separator < 0 || fields.Length < separator + 3)
            return false;
        var mountPoint = Unescape(fields[4]);
        if (!mountPoint.StartsWith('/'))
            return false;
        var readOnly = fields[5].Split(',').Contains("ro", StringComparer.Ordinal);
        entry = new MountEntry(mountPoint, fields[separator + 1], Unescape(fields[separator + 2]), fields[2], readOnly);
        return true;
    }

    /// <summary>Undoes the kernel's \ooo escapes (space, tab, newline, backslash).</summary>
    public static string Unescape(string field)
    {
        if (!field.Contains('\\', StringComparison.Ordinal))
            return field;
        var bytes = new List<byte>(field.Length);
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && IsOctal(field, i + 1) && IsOctal(field, i + 2) && IsOctal(field, i + 3))
            {
                bytes.Add((byte)(((field[i + 1] - '0') << 6) | ((field[i + 2] - '0') << 3) | (field[i + 3] - '0')));
                i += 3;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(field[i].ToString()));
            }
        }
        return Encoding.UTF8.GetString([.. bytes]);
    }

    private static bool IsOctal(string text, int index) => index < text.Length && text[index] is >= '0' and <= '7';
}
