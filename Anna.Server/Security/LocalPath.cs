namespace Anna.Server.Security;

/// <summary>
/// Where a sign-in link may send the browser afterwards: a path of this dashboard only. Anything
/// that could leave it — another host (<c>//evil</c>, <c>/\evil</c>), a scheme, control characters — is
/// not a local path, so a link cannot be made into an open redirect.
/// </summary>
public static class LocalPath
{
    public const int MaxLength = 256;

    public static bool IsLocal(string? path) =>
        path is { Length: > 0 and <= MaxLength }
        && path[0] == '/'
        && (path.Length == 1 || path[1] is not ('/' or '\\'))
        && !path.Any(c => char.IsControl(c) || c == '\\');
}
