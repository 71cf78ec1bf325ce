namespace Anna.Dashboard;

/// <summary>
/// Who the dashboard says is deciding. The dashboard has no sign-in yet, so every decision made
/// through it carries this one name; when people sign in, this is the one place to change.
/// </summary>
public static class DashboardIdentity
{
    public const string Name = "dashboard";
}
