using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Anna.Core.Linux.Systemd;
using Microsoft.Extensions.Logging;

namespace Anna.Server.Hosting.Journal;

/// <summary>
/// journald's native protocol: one datagram per entry, each field <c>NAME=value\n</c>, or
/// <c>NAME\n</c>, a 64-bit little-endian length and the raw value when the value spans lines.
/// Field names are upper case letters, digits and underscores, not starting with an underscore.
/// </summary>
internal static class JournalFields
{
    /// <summary>Message properties that name a unit Anna acts on.</summary>
    private static readonly HashSet<string> UnitProperties = new(StringComparer.Ordinal) { "Unit", "Subject" };

    /// <summary>
    /// A message property as a journal field: <c>HistoryId</c> → <c>ANNA_HISTORY_ID</c>. Null for a
    /// name that cannot be one (the template itself, or characters journald does not take).
    /// </summary>
    public static string? FieldName(string property)
    {
        if (property.Length == 0 || property.StartsWith('{'))
            return null;
        var name = new StringBuilder("ANNA_", 5 + property.Length + 4);
        for (var i = 0; i < property.Length; i++)
        {
            var c = property[i];
            if (char.IsAsciiLetterUpper(c) && i > 0 && !char.IsAsciiLetterUpper(property[i - 1]))
                name.Append('_');
            if (char.IsAsciiLetterOrDigit(c))
                name.Append(char.ToUpperInvariant(c));
            else if (c == '_')
                name.Append('_');
            else
                return null;
        }
        // journald refuses longer names; such a field is dropped rather than the entry.
        return name.Length <= 64 ? name.ToString() : null;
    }

    /// <summary>
    /// journalctl -u X shows what root's daemons say about X through OBJECT_SYSTEMD_UNIT: Anna's heals
    /// of a unit appear among the unit's own lines.
    /// </summary>
    public static bool NamesUnit(string property, string value) =>
        UnitProperties.Contains(property) && UnitName.TryParse(value, out _, out _);

    public static int Priority(LogLevel level) => level switch
    {
        LogLevel.Critical => 2,
        LogLevel.Error => 3,
        LogLevel.Warning => 4,
        LogLevel.Information => 6,
        _ => 7,
    };

    public static string Text(object? value) => value switch
    {
        null => "",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    public static byte[] Encode(IEnumerable<KeyValuePair<string, string>> fields)
    {
        using var datagram = new MemoryStream();
        Span<byte> length = stackalloc byte[8];
        foreach (var (name, value) in fields)
        {
            datagram.Write(Encoding.ASCII.GetBytes(name));
            var bytes = Encoding.UTF8.GetBytes(value);
            if (value.Contains('\n', StringComparison.Ordinal))
            {
                datagram.WriteByte((byte)'\n');
                BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)bytes.Length);
                datagram.Write(length);
            }
            else
            {
                datagram.WriteByte((byte)'=');
            }
            datagram.Write(bytes);
            datagram.WriteByte((byte)'\n');
        }
        return datagram.ToArray();
    }
}
