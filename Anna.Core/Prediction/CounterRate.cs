namespace Anna.Core.Prediction;

/// <summary>
/// Turns a counter (systemd's NRestarts) into its increase over the trailing hour, which is what a
/// "restarts per hour" critical value is compared with. A counter that goes down was reset (the unit
/// was reloaded or the machine rebooted): its new value counts as the increase, as Prometheus does.
/// The hour is kept as the running total at the end of each of twelve 5-minute slots, so memory is
/// fixed whatever the sampling rate.
/// </summary>
public sealed class CounterRate
{
    private const int Slots = 12;
    private static readonly long SlotTicks = TimeSpan.FromMinutes(5).Ticks;

    // Index 0..Slots: the running total at the end of slot (index mod (Slots + 1)), with its slot number.
    private readonly double[] _totals = new double[Slots + 1];
    private readonly long[] _slotOf = new long[Slots + 1];
    private double _total;
    private double _previous = double.NaN;
    private long _firstSlot = -1;

    public int BufferBytes => _totals.Length * sizeof(double) + _slotOf.Length * sizeof(long);

    /// <summary>
    /// Learns the counter's value at <paramref name="timestamp"/> and returns its increase over the
    /// hour before, or NaN while less than an hour has been seen or the hour-old slot is missing (a gap).
    /// </summary>
    public double Observe(DateTime timestamp, double counter)
    {
        if (!double.IsFinite(counter))
            return double.NaN;
        if (!double.IsNaN(_previous))
            _total += counter >= _previous ? counter - _previous : Math.Max(counter, 0);
        _previous = counter;
        var slot = timestamp.Ticks / SlotTicks;
        if (_firstSlot < 0)
            _firstSlot = slot;
        var index = (int)(slot % (Slots + 1));
        _totals[index] = _total;
        _slotOf[index] = slot;

        var back = slot - Slots;
        var backIndex = (int)(((back % (Slots + 1)) + Slots + 1) % (Slots + 1));
        if (back < _firstSlot || _slotOf[backIndex] != back)
            return double.NaN;
        return _total - _totals[backIndex];
    }
}
