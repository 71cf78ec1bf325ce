namespace Anna.Core.Prediction;

/// <summary>
/// The unit without a memory limit whose growth explains the machine's memory running short: it grows
/// at least <see cref="ForecastWatch.LeakShare"/> as fast as available memory falls, and faster than
/// any other such unit.
/// </summary>
/// <param name="Unit">The unit, as systemd names it.</param>
/// <param name="BytesPerHour">How fast it grows (<see cref="MemoryGrowth"/>).</param>
/// <param name="Bytes">Its memory now.</param>
public sealed record LikelyLeak(string Unit, double BytesPerHour, double Bytes);
