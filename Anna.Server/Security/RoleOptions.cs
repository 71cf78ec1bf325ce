namespace Anna.Server.Security;

/// <summary>
/// Which Unix groups hold which role (host settings, section <c>Anna:Roles</c>). uid 0 is always
/// admin. A user in several groups gets the highest role they give.
/// </summary>
public sealed class RoleOptions
{
    public const string Section = "Anna:Roles";

    public List<string> AdminGroups { get; set; } = ["sudo", "wheel", "anna-admin"];

    public List<string> OperatorGroups { get; set; } = ["anna"];

    /// <summary>
    /// What every other local user gets on the socket: <c>viewer</c> (the default: like
    /// <c>systemctl status</c>, anyone may look) or <c>none</c> (refused).
    /// </summary>
    public string Others { get; set; } = "viewer";
}
