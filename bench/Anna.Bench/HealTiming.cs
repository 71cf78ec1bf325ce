namespace Anna.Bench;

/// <summary>
/// One heal, cut where it can be seen from outside: kill → systemd noticed (<paramref name="Down"/>),
/// kill → Anna began the heal (<paramref name="Intent"/>: its history row's start, taken before the
/// intent is journaled), kill → active again (<paramref name="Total"/>). What lies between the cuts
/// says where a slow heal spent its time: systemd, Anna noticing and deciding, or Anna's journal and
/// the restart itself. Both clocks are this machine's wall clock.
/// </summary>
internal sealed record HealTiming(TimeSpan Total, TimeSpan? Down, TimeSpan? Intent);
