using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;

namespace Anna.Dashboard;

/// <summary>
/// Who is deciding on the dashboard: the person signed in to this circuit (their Unix user name,
/// from the one-time link they opened), never anything the page itself says. Roles are the
/// host's: <see cref="Acts"/> for operators and admins, <see cref="Administers"/> for admins.
/// </summary>
public static class DashboardIdentity
{
    /// <summary>The name recorded when no sign-in is known (a host without authentication).</summary>
    public const string Name = "dashboard";

    /// <summary>Roles that may heal, approve, undo and reset breakers.</summary>
    public const string Acts = "operator,admin";

    /// <summary>Roles that may change the policy.</summary>
    public const string Administers = "admin";

    /// <summary>The signed-in person's name for history and approvals.</summary>
    public static async Task<string> NameAsync(Task<AuthenticationState>? state) =>
        state is null ? Name : (await state).User.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name : Name;

    /// <summary>Whether the signed-in person holds one of <paramref name="roles"/> (comma-separated).</summary>
    public static async Task<bool> MayAsync(Task<AuthenticationState>? state, string roles)
    {
        if (state is null)
            return true;
        var user = (await state).User;
        return roles.Split(',').Any(user.IsInRole);
    }

    /// <summary>The role shown next to the name.</summary>
    public static string RoleOf(ClaimsPrincipal user) => user.FindFirst(ClaimTypes.Role)?.Value ?? "viewer";
}
