using Anna.Server.Security;

namespace Anna.Server.Api;

/// <summary>
/// Who is asking, as the door established it (see <see cref="AnnaAuthenticationHandler"/>): a Unix
/// user's name, or <c>token:NAME</c> for an API token. Nothing the client says (no header, no body
/// field) can change it; this is the name history, approvals and the audit trail record.
/// </summary>
internal static class RequestIdentity
{
    public static string Of(HttpContext context) => AnnaIdentity.From(context.User) switch
    {
        { Door: AnnaDoor.Token } token => $"token:{token.Name}",
        { } person => person.Name,
        null => "anonymous",
    };
}
