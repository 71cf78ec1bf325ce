using Microsoft.Extensions.Options;

namespace Anna.Server.Security;

/// <summary>The role of a local user on the socket, from the groups an admin already manages.</summary>
public sealed class RoleResolver(UnixAccounts accounts, IOptionsMonitor<RoleOptions> options)
{
    /// <summary>The identity of the peer with <paramref name="uid"/>; null when its role is "none".</summary>
    public AnnaIdentity? ForUid(uint uid)
    {
        var account = accounts.Find(uid);
        var roles = options.CurrentValue;
        AnnaRole? role = uid == 0 || account.Groups.Overlaps(roles.AdminGroups) ? AnnaRole.Admin
            : account.Groups.Overlaps(roles.OperatorGroups) ? AnnaRole.Operator
            : string.Equals(roles.Others, "viewer", StringComparison.OrdinalIgnoreCase) ? AnnaRole.Viewer
            : null;
        return role is { } r ? new AnnaIdentity(account.Name, r, AnnaDoor.Socket) : null;
    }
}
