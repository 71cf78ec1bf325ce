namespace Anna.Core.Prediction;

/// <summary>
/// A window's values kept in ascending order in one fixed array, so its median, median absolute
/// deviation and range are read in O(log n) instead of selected from a copy of the whole window.
/// A sample joining or leaving moves only the values between its place and the other sample's place
/// (one bounded memory move, at most the whole array), never allocates, and never sorts.
/// </summary>
public sealed class SortedSamples
{
    private readonly double[] _sorted;

    public SortedSamples(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 3);
        _sorted = new double[capacity];
    }

    public int Capacity => _sorted.Length;

    public int Count { get; private set; }

    /// <summary>Bytes held by the array (fixed for its life).</summary>
    public int BufferBytes => _sorted.Length * sizeof(double);

    /// <summary>Inserts <paramref name="value"/> while there is room.</summary>
    public void Add(double value)
    {
        if (Count == _sorted.Length)
            throw new InvalidOperationException($"the window holds {Count} values already; replace one");
        var at = UpperBound(_sorted.AsSpan(0, Count), value);
        _sorted.AsSpan(at, Count - at).CopyTo(_sorted.AsSpan(at + 1));
        _sorted[at] = value;
        Count++;
    }

    /// <summary>
    /// Takes out one value equal to <paramref name="old"/> (the sample leaving the window, which must be
    /// held) and puts <paramref name="value"/> in its order, shifting only the values between the two places.
    /// </summary>
    public void Replace(double old, double value)
    {
        var values = _sorted.AsSpan(0, Count);
        var from = values.BinarySearch(old);
        if (from < 0)
            throw new InvalidOperationException($"{old} is not in the window");
        if (value > old)
        {
            // Everything after the leaving value and not above the new one moves down one place.
            var to = UpperBound(values, value) - 1;
            values[(from + 1)..(to + 1)].CopyTo(values[from..]);
            values[to] = value;
        }
        else if (value < old)
        {
            var to = UpperBound(values[..from], value);
            values[to..from].CopyTo(values[(to + 1)..]);
            values[to] = value;
        }
        else
        {
            values[from] = value;
        }
    }

    /// <summary>
    /// Median (the (Count / 2)-th smallest, 0-based), median absolute deviation (the same order
    /// statistic of |x − median|) and range (max − min) of the values held; all 0 when empty.
    /// </summary>
    public (double Median, double Mad, double Range) Summarize()
    {
        if (Count == 0)
            return (0, 0, 0);
        var values = _sorted.AsSpan(0, Count);
        var middle = Count / 2;
        var median = values[middle];
        return (median, DeviationAt(values, middle, median, middle), values[^1] - values[0]);
    }

    /// <summary>The values held, smallest first (for checks).</summary>
    public double[] ToArray() => _sorted.AsSpan(0, Count).ToArray();

    // The k-th smallest (0-based) of |x − median| over the sorted values. The deviations of the values
    // below the median, read from the median outwards, ascend, and so do those from the median up:
    // two sorted runs, whose k-th smallest is found by bisecting how many come from the lower run.
    // Each deviation is computed exactly as Math.Abs(x − median) would be, so the result is the same
    // number a selection over all of them returns.
    private static double DeviationAt(ReadOnlySpan<double> values, int middle, double median, int k)
    {
        var lowerCount = middle;
        var upperCount = values.Length - middle;
        // Take i from the lower run and k + 1 − i from the upper one; the right i is the smallest
        // whose next lower deviation is not below the last upper one taken.
        var take = k + 1;
        var low = Math.Max(0, take - upperCount);
        var high = Math.Min(take, lowerCount);
        while (low < high)
        {
            var i = (low + high) >> 1;
            var j = take - i;
            if (Lower(values, middle, median, i) < Upper(values, middle, median, j - 1))
                low = i + 1;
            else
                high = i;
        }
        var fromLower = low;
        var fromUpper = take - fromLower;
        var last = double.NegativeInfinity;
        if (fromLower > 0) last = Lower(values, middle, median, fromLower - 1);
        if (fromUpper > 0) last = Math.Max(last, Upper(values, middle, median, fromUpper - 1));
        return last;
    }

    // The i-th deviation below the median, counted from it outwards; then the j-th from it upwards.
    private static double Lower(ReadOnlySpan<double> values, int middle, double median, int i) => Math.Abs(values[middle - 1 - i] - median);

    private static double Upper(ReadOnlySpan<double> values, int middle, double median, int j) => Math.Abs(values[middle + j] - median);

    // The first place whose value is above value: where a new equal value goes, after its equals.
    private static int UpperBound(ReadOnlySpan<double> values, double value)
    {
        var low = 0;
        var high = values.Length;
        while (low < high)
        {
            var mid = (low + high) >> 1;
            if (values[mid] <= value)
                low = mid + 1;
            else
                high = mid;
        }
        return low;
    }
}
