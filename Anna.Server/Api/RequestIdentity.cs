using System.Text.RegularExpressions;

namespace Anna.Server.Api;

/// <summary>
/// Who is asking, as far as the request says today: the authenticated name, else an
/// X-Anna-User header (validated: it ends up in the audit trail), else the peer address.
/// </summary>
internal static partial class RequestIdentity
{
    public const string Header = "X-Anna-User";

    public static string Of(HttpContext context)
    {
        if (context.User.Identity?.IsAuthenticated == true && context.User.Identity.Name is { Length: > 0 } name)
            return name;
        var claimed = context.Request.Headers[Header].ToString();
        var peer = context.Connection.RemoteIpAddress?.ToString() ?? "local";
        return ValidName().IsMatch(claimed) ? $"{claimed}@{peer}" : $"anonymous@{peer}";
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex ValidName();
}
