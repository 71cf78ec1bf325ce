namespace Anna.Core.Linux.Systemd;

/// <summary>A unit's new state as read from a PropertiesChanged signal, before name validation.</summary>
internal sealed record UnitStateSignal(string Unit, string ActiveState, string SubState);
