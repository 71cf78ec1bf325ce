using System.Text;

namespace Anna.Core.Linux.Systemd;

/// <summary>
/// systemd names unit objects /org/freedesktop/systemd1/unit/&lt;label&gt; where the label is the
/// unit name in its bus-label escaping (bus_label_escape: every byte outside [A-Za-z0-9] becomes
/// _xx in lower-case hex). The escaping is exact, so unescaping gives the unit name without a
/// round trip to systemd — which keeps the kill-to-signal path free of extra calls.
/// </summary>
internal static class UnitObjectPath
{
    private const string Prefix = SystemdBus.UnitPathPrefix + "/";

    public static string? TryGetUnitName(string? path)
    {
        if (path is null || !path.StartsWith(Prefix, StringComparison.Ordinal))
            return null;
        return Unescape(path.AsSpan(Prefix.Length));
    }

    public static string Escape(string unitName)
    {
        var bytes = Encoding.UTF8.GetBytes(unitName);
        var sb = new StringBuilder(Prefix, Prefix.Length + bytes.Length * 3);
        foreach (var b in bytes)
        {
            if (b is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'0' and <= (byte)'9'))
                sb.Append((char)b);
            else
                sb.Append('_').Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    private static string? Unescape(ReadOnlySpan<char> label)
    {
        // "_" alone stands for the empty string, which is never a unit.
        if (label.IsEmpty || label is "_")
            return null;
        var bytes = new List<byte>(label.Length);
        for (var i = 0; i < label.Length; i++)
        {
            var c = label[i];
            if (c == '_')
            {
                if (i + 2 >= label.Length || !IsHex(label[i + 1]) || !IsHex(label[i + 2]))
                    return null;
                bytes.Add((byte)(HexValue(label[i + 1]) << 4 | HexValue(label[i + 2])));
                i += 2;
            }
            else if (c < 128)
            {
                bytes.Add((byte)c);
            }
            else
            {
                return null;
            }
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    private static bool IsHex(char c) => c is (>= '0' and <= '9') or (>= 'a' and <= 'f') or (>= 'A' and <= 'F');

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        _ => c - 'A' + 10,
    };
}
