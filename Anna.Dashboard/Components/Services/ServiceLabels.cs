using Anna.Core.Breaker;
using MudBlazor;

namespace Anna.Dashboard.Components.Services;

/// <summary>Words and colours for unit states and breakers on the Services page.</summary>
public static class ServiceLabels
{
    /// <summary>Colour of a unit's ActiveState: failed red, active green, on its way up orange.</summary>
    public static Color ActiveStateColor(string activeState) => activeState switch
    {
        "failed" => MudBlazor.Color.Error,
        "active" => MudBlazor.Color.Success,
        "activating" => MudBlazor.Color.Warning,
        _ => MudBlazor.Color.Default,
    };

    /// <summary>kebab-case, as the breaker states read in the API and the docs.</summary>
    public static string Text(this BreakerState state) => state switch
    {
        BreakerState.Open => "open",
        BreakerState.HalfOpen => "half-open",
        _ => "closed",
    };

    public static Color Color(this BreakerState state) => state switch
    {
        BreakerState.Open => MudBlazor.Color.Error,
        BreakerState.HalfOpen => MudBlazor.Color.Warning,
        _ => MudBlazor.Color.Success,
    };
}
