using System.Globalization;

namespace Anna.Core.Linux.Journal;

/// <summary>
/// One journal file as found in a journal directory, with what its name says. journald names
/// the files it has archived (closed for good) <c>prefix@seqnum_id-head_seqnum-head_realtime.journal</c>,
/// and files it found corrupt <c>prefix@head_realtime-random.journal~</c>; the active files
/// (<c>system.journal</c>, <c>user-1000.journal</c>) have no '@' and are never removed.
/// </summary>
/// <param name="AllocatedBytes">Blocks on disk, as journald and --disk-usage count them.</param>
/// <param name="HeadRealtime">Microseconds since the epoch of the file's first entry, from its name; null for active files.</param>
/// <param name="HeadSeqnum">The first entry's sequence number, from an archived name; orders files with the same time.</param>
public sealed record JournalFile(string Path, long AllocatedBytes, bool Archived, ulong? HeadRealtime, ulong HeadSeqnum)
{
    private const string Suffix = ".journal";
    private const string CorruptSuffix = ".journal~";

    /// <summary>Reads what the file name says, the way journald's own vacuum does; a name it would not vacuum is active.</summary>
    public static JournalFile FromName(string path, long allocatedBytes)
    {
        var name = System.IO.Path.GetFileName(path);
        if (name.EndsWith(Suffix, StringComparison.Ordinal))
        {
            // @ + 32 hex (seqnum id) + - + 16 hex (head seqnum) + - + 16 hex (head realtime) + .journal
            var stem = name[..^Suffix.Length];
            if (stem.Length >= 1 + 32 + 1 + 16 + 1 + 16 && stem[^(16 + 1 + 16 + 1 + 32 + 1)] == '@'
                && stem[^(16 + 1 + 16 + 1)] == '-' && stem[^(16 + 1)] == '-'
                && IsHex(stem[^(16 + 1 + 16 + 1 + 32)..^(16 + 1 + 16 + 1)])
                && Hex(stem[^(16 + 1 + 16)..^(16 + 1)]) is { } seqnum
                && Hex(stem[^16..]) is { } realtime)
                return new JournalFile(path, allocatedBytes, true, realtime, seqnum);
        }
        else if (name.EndsWith(CorruptSuffix, StringComparison.Ordinal))
        {
            // @ + 16 hex (head realtime) + - + 16 hex (random) + .journal~
            var stem = name[..^CorruptSuffix.Length];
            if (stem.Length >= 1 + 16 + 1 + 16 && stem[^(16 + 1 + 16 + 1)] == '@' && stem[^(16 + 1)] == '-'
                && Hex(stem[^(16 + 1 + 16)..^(16 + 1)]) is { } realtime && IsHex(stem[^16..]))
                return new JournalFile(path, allocatedBytes, true, realtime, 0);
        }
        return new JournalFile(path, allocatedBytes, false, null, 0);
    }

    private static bool IsHex(string text) => text.All(char.IsAsciiHexDigit);

    private static ulong? Hex(string text) =>
        IsHex(text) && ulong.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value) ? value : null;
}
