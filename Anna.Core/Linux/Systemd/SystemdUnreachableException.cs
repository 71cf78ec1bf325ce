namespace Anna.Core.Linux.Systemd;

/// <summary>The bus is there but systemd is not on it (or not yet, during a restart).</summary>
public sealed class SystemdUnreachableException(string message) : Exception(message);
