namespace Anna.Core.Linux.FileSystem;

/// <summary>Group membership from /etc/passwd (primary group) and /etc/group (supplementary), as the files say.</summary>
public static class UnixGroups
{
    /// <summary>True when the user <paramref name="uid"/> is in the group <paramref name="gid"/>; false when either is unknown.</summary>
    public static bool IsMember(uint uid, uint gid)
    {
        string? user = null;
        foreach (var line in ReadLines("/etc/passwd"))
        {
            var fields = line.Split(':');
            if (fields.Length < 4 || fields[2] != uid.ToString(System.Globalization.CultureInfo.InvariantCulture))
                continue;
            if (fields[3] == gid.ToString(System.Globalization.CultureInfo.InvariantCulture))
                return true;
            user = fields[0];
            break;
        }
        if (user is null)
            return false;
        foreach (var line in ReadLines("/etc/group"))
        {
            var fields = line.Split(':');
            if (fields.Length >= 4 && fields[2] == gid.ToString(System.Globalization.CultureInfo.InvariantCulture))
                return fields[3].Split(',').Contains(user, StringComparer.Ordinal);
        }
        return false;
    }

    private static IEnumerable<string> ReadLines(string path)
    {
        try
        {
            return File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
