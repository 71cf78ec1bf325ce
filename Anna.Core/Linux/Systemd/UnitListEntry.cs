namespace Anna.Core.Linux.Systemd;

/// <summary>One row of Manager.ListUnits: what systemd reports for every loaded unit in one call.</summary>
internal readonly record struct UnitListEntry(
    string Name,
    string Description,
    string LoadState,
    string ActiveState,
    string SubState,
    string ObjectPath);
