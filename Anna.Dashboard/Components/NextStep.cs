using Anna.Core.Policy;

namespace Anna.Dashboard.Components;

/// <summary>
/// What happens to an open issue if nobody steps in, in a person's words: healed automatically,
/// waiting for approval, waiting for the maintenance window (and from when), or only suggested.
/// </summary>
/// <param name="Name">Stable name for data attributes: auto, approval, window, later, suggest.</param>
public sealed record NextStep(string Name, string Text)
{
    /// <param name="zone">The host's zone: windows are the host's clock hours.</param>
    public static NextStep For(Decision decision, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return decision.Kind switch
        {
            DecisionKind.Execute => new("auto", "heals automatically"),
            DecisionKind.NeedsApproval => new("approval", "needs approval"),
            DecisionKind.Defer when decision.NotBefore is { } at =>
                new("window", $"waits for the maintenance window: {TimeZoneInfo.ConvertTime(at, zone):ddd yyyy-MM-dd HH:mm}"),
            DecisionKind.Defer => new("later", "waits for the next session"),
            _ => new("suggest", "suggestion only: select it and heal"),
        };
    }
}
