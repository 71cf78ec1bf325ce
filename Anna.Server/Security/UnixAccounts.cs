namespace Anna.Server.Security;

/// <summary>
/// Looks up a uid in the machine's account files (<c>/etc/passwd</c>, <c>/etc/group</c>): the user's
/// name, primary group and the groups that list it as a member — the groups an admin manages with
/// <c>usermod -aG</c>. Read at each lookup (they are small), so a change applies at the next request.
/// Accounts that exist only in a directory service (LDAP, sssd) are not seen and get no group role.
/// </summary>
public sealed class UnixAccounts(string passwdPath = "/etc/passwd", string groupPath = "/etc/group")
{
    /// <summary>The account of <paramref name="uid"/>; a nameless uid is reported as <c>uid:N</c> with no groups.</summary>
    public UnixAccount Find(uint uid)
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
}
