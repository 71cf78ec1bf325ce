namespace Anna.Core.Sessions;

/// <summary>The one-word verdict on the machine. Serialized in upper case (HEALTHY, DEGRADED, CRITICAL).</summary>
public enum SystemState
{
    Healthy,
    Degraded,
    Critical,
}
