namespace Anna.Server.Security;

/// <summary>
/// Looks up a uid in the machine's account files (<c>/etc/passwd</c>, <c>/etc/group</c>): the user's
/// name, primary group and the groups that list it as a member — the groups an admin manages with
/// <c>usermod -aG</c>. What was read is kept until either file changes (its size or modification
/// time: usermod and vipw write a new file), so a change still applies at the next request while a
/// request no longer reads both files — under load that was 4 % of the daemon's CPU.
/// Accounts that exist only in a directory service (LDAP, sssd) are not seen and get no group role.
/// </summary>
public sealed class UnixAccounts(string passwdPath = "/etc/passwd", string groupPath = "/etc/group")
{
    private volatile Known? _known;

    /// <summary>The account of <paramref name="uid"/>; a nameless uid is reported as <c>uid:N</c> with no groups.</summary>
    public UnixAccount Find(uint uid)
    {
        var stamps = (Stamp(passwdPath), Stamp(groupPath));
        var known = _known;
        if (known is null || known.Stamps != stamps)
            _known = known = new Known(stamps);
        return known.Accounts.GetOrAdd(uid, Read);
    }

    /// <summary>What a file looked like when it was read: a change to either figure means it must be read again.</summary>
    private static (long Length, long WrittenTicks) Stamp(string path)
    {
        var file = new FileInfo(path);
        return file.Exists ? (file.Length, file.LastWriteTimeUtc.Ticks) : (-1, 0);
    }

    private UnixAccount Read(uint uid)
    {
        string? name = null;
        uint? primaryGid = null;
        foreach (var fields in Records(passwdPath))
        {
            if (fields.Length >= 4 && uint.TryParse(fields[2], out var id) && id == uid)
            {
                name = fields[0];
                primaryGid = uint.TryParse(fields[3], out var gid) ? gid : null;
                break;
            }
        }
        if (name is null)
            return new UnixAccount(uid, $"uid:{uid}", new HashSet<string>());
        var groups = new HashSet<string>(StringComparer.Ordinal);
        foreach (var fields in Records(groupPath))
        {
            if (fields.Length < 4)
                continue;
            var isPrimary = primaryGid is { } p && uint.TryParse(fields[2], out var gid) && gid == p;
            if (isPrimary || fields[3].Split(',').Contains(name, StringComparer.Ordinal))
                groups.Add(fields[0]);
        }
        return new UnixAccount(uid, name, groups);
    }

    private static IEnumerable<string[]> Records(string path)
    {
        if (!File.Exists(path))
            yield break;
        foreach (var line in File.ReadLines(path))
        {
            if (line.Length > 0 && line[0] != '#')
                yield return line.Split(':');
        }
    }

    /// <summary>Accounts read while the files had these stamps.</summary>
    private sealed class Known(((long, long) Passwd, (long, long) Group) stamps)
    {
        public ((long, long) Passwd, (long, long) Group) Stamps { get; } = stamps;

        public System.Collections.Concurrent.ConcurrentDictionary<uint, UnixAccount> Accounts { get; } = new();
    }
}
