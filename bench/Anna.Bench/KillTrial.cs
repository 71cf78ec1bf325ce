namespace Anna.Bench;

/// <summary>
/// One SIGKILL of a unit's main process. <see cref="Down"/>: kill → first signal that the unit
/// left "active" (systemd noticed). <see cref="Total"/>: kill → "active" again with a new main
/// pid. Both are null when the trial failed; <see cref="Error"/> then says why. <see cref="KilledAt"/>
/// is the wall-clock moment of the kill, for comparing with times other processes wrote down.
/// </summary>
internal sealed record KillTrial(int Number, uint OldPid, uint NewPid, TimeSpan? Down, TimeSpan? Total, string? Error, DateTimeOffset KilledAt = default)
{
    public bool Succeeded => Total is not null;
}
