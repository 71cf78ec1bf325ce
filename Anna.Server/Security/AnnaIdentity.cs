using System.Security.Claims;

namespace Anna.Server.Security;

/// <summary>
/// Who is asking, established once at the door: a Unix user or a token's name, the role it holds
/// and the door it came through. Carried as the request's <see cref="ClaimsPrincipal"/>.
/// </summary>
public sealed record AnnaIdentity(string Name, AnnaRole Role, AnnaDoor Door)
{
    public const string Scheme = "Anna";
    private const string DoorClaim = "anna:door";

    public ClaimsPrincipal ToPrincipal() => new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Name, Name),
            new Claim(ClaimTypes.Role, Role.ToString().ToLowerInvariant()),
            new Claim(DoorClaim, Door.ToString().ToLowerInvariant()),
        ], Scheme, ClaimTypes.Name, ClaimTypes.Role));

    /// <summary>The identity a principal was made from; null for an anonymous one.</summary>
    public static AnnaIdentity? From(ClaimsPrincipal? user)
    {
        if (user?.Identity is not { IsAuthenticated: true, Name: { Length: > 0 } name })
            return null;
        var role = Enum.TryParse<AnnaRole>(user.FindFirstValue(ClaimTypes.Role), ignoreCase: true, out var r) ? r : AnnaRole.Viewer;
        var door = Enum.TryParse<AnnaDoor>(user.FindFirstValue(DoorClaim), ignoreCase: true, out var d) ? d : AnnaDoor.Token;
        return new AnnaIdentity(name, role, door);
    }

    public bool May(AnnaRole needed) => Role >= needed;
}
