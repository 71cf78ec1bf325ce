namespace Anna.Core.Linux.Systemd;

/// <summary>Whether Anna can currently see systemd.</summary>
public enum SystemdConnectionState
{
    Connecting,
    Connected,
    /// <summary>Lost the bus or systemd; reconnecting.</summary>
    Disconnected,
    /// <summary>No bus to watch at all (no systemd, no permission); said clearly, not hidden.</summary>
    Unavailable,
}
