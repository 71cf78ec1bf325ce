namespace Anna.Core.Linux.Systemd;

/// <summary>A unit's state as reported by a systemd signal, the moment it arrived.</summary>
public sealed record UnitChange(UnitName Name, string ActiveState, string SubState, DateTimeOffset ObservedAt);
