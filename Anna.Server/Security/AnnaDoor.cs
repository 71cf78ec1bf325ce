namespace Anna.Server.Security;

/// <summary>How a caller came in; recorded with every audited request.</summary>
public enum AnnaDoor
{
    /// <summary>The Unix socket: the kernel vouches for the peer's uid (SO_PEERCRED).</summary>
    Socket,
    /// <summary>A browser with a session cookie from a one-time sign-in link.</summary>
    Cookie,
    /// <summary>A script or Prometheus with an API token.</summary>
    Token,
}
