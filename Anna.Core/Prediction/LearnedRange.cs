namespace Anna.Core.Prediction;

/// <summary>
/// The value range a context detector quantizes against, learned from the samples themselves: the
/// published detector is handed the whole file's minimum and maximum before it starts, which a daemon
/// watching a live series cannot know. The range starts at the first value and is widened whenever a
/// value falls outside it, to the extremes seen so far plus a margin (a share of their spread) on each
/// side. Every widening shifts the levels, so the detector relearns what it knows under the new ones
/// (<see cref="RecentValues"/>); a small margin spares a series that creeps upwards a relearning at every
/// new maximum.
/// </summary>
public sealed class LearnedRange
{
    private readonly int _levels;
    private readonly double _margin;
    private readonly bool _fixed;
    private double _seenMin = double.PositiveInfinity;
    private double _seenMax = double.NegativeInfinity;
    private double _low = double.PositiveInfinity;
    private double _high = double.NegativeInfinity;

    /// <param name="bits">Levels are 0 .. 2^bits − 1.</param>
    /// <param name="margin">Share of the spread seen so far added on each side when the range is widened.</param>
    public LearnedRange(int bits, double margin)
    {
        _levels = (1 << bits) - 1;
        _margin = margin;
    }

    /// <summary>
    /// A range given up front and never learned: what the benchmark's own harness hands its detectors
    /// (the whole file's extremes, which is look-ahead). Only for measuring what learning the range costs.
    /// </summary>
    public static LearnedRange Known(int bits, double min, double max) =>
        new(bits, 0, fixedRange: true) { _low = min, _high = max };

    private LearnedRange(int bits, double margin, bool fixedRange)
        : this(bits, margin) => _fixed = fixedRange;

    /// <summary>Whether the last value widened the range (so every level now means other values than before).</summary>
    public bool Widened { get; private set; }

    /// <summary>The smallest value learned so far (the range's own start for a known range).</summary>
    public double SeenMin => _fixed ? _low : _seenMin;

    /// <summary>The largest value learned so far (the range's own end for a known range).</summary>
    public double SeenMax => _fixed ? _high : _seenMax;

    /// <summary>Learns <paramref name="value"/> (widening the range if it falls outside) and returns its level.</summary>
    public int Level(double value)
    {
        Widened = false;
        if (!_fixed && (value < _low || value > _high))
        {
            Widened = !double.IsInfinity(_low);
            _seenMin = Math.Min(_seenMin, value);
            _seenMax = Math.Max(_seenMax, value);
            var spread = _seenMax - _seenMin;
            _low = _seenMin - _margin * spread;
            _high = _seenMax + _margin * spread;
        }
        return LevelOf(value);
    }

    /// <summary>The level of <paramref name="value"/> in the range as it is now, learning nothing.</summary>
    public int LevelOf(double value)
    {
        var width = _high - _low;
        // A flat range so far: one unit per level, as the published detector does, so a first change still shows.
        var step = width > 0 ? width / _levels : 1.0;
        var level = Math.Floor((value - _low) / step);
        return level <= 0 ? 0 : level >= _levels ? _levels : (int)level;
    }
}
