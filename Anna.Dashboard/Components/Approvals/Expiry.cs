namespace Anna.Dashboard.Components.Approvals;

/// <summary>How long a pending approval still waits, in the words the page shows.</summary>
public static class Expiry
{
    public static string Text(DateTimeOffset expiresAt, DateTimeOffset now)
    {
        var left = expiresAt - now;
        if (left <= TimeSpan.Zero)
            return "expired";
        if (left < TimeSpan.FromMinutes(1))
            return "expires in less than a minute";
        // Whole minutes, rounded down: "23 h 12 min" must never promise more time than is left.
        var hours = (int)left.TotalHours;
        var minutes = left.Minutes;
        return hours > 0 ? $"expires in {hours} h {minutes} min" : $"expires in {minutes} min";
    }
}
