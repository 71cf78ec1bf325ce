namespace Anna.Core.Prediction;

/// <summary>
/// A streaming contextual anomaly detector for one series, after the Contextual Anomaly Detector (open
/// source edition, M. Smirnov, 2016) that scored 69.9 on the Numenta Anomaly Benchmark. Each value is
/// reduced to a few levels of its (learned) range and each bit of the level is a fact. The detector
/// learns contexts: "after this set of facts (left side) come these bits (right side)". At every step
/// the left sides wholly present in the previous step predict their right sides; the score has two
/// halves: the share of those predictions that failed, and the share of the new contexts this step had
/// to make among those it could have made (how unfamiliar the step was). The contexts that matched best
/// become facts of the next step themselves, so longer patterns are learned as contexts of contexts.
/// The value range is learned online (<see cref="LearnedRange"/>) where the published detector was handed
/// the whole file's: when a value widens it, every level means other values, so the detector relearns its
/// recent values (<see cref="RecentValues"/>) in the new levels, and the value itself, beyond all the
/// series has done, scores 1 even inside a rest.
/// Scored once per sample from the past only (no look-ahead); memory is fixed at construction
/// (<see cref="BufferBytes"/>) and scoring allocates nothing.
/// <para>
/// The daemon's detector: <see cref="AnomalyWatch"/> reads <see cref="Observe"/> (the raw score of every sample)
/// by <see cref="AnomalyRule.Contextual"/>; <see cref="Score"/> (once per event, then a rest) is what the NAB
/// replays score, as the published detector is scored.
/// </para>
/// </summary>
public sealed class ContextAnomalyDetector : ISurpriseDetector
{
    private const int MaxPotentials = 256;

    private readonly ContextAnomalyDetectorOptions _options;
    private readonly LearnedRange _range;
    private readonly ContextMemory _memory;
    private readonly int _bits;
    private readonly byte[] _rightLength;
    private readonly byte[] _matched;

    // The facts of the previous step and of this one (sorted), and who is present, by fact.
    private ushort[] _previous;
    private int _previousCount;
    private ushort[] _current;
    private bool[] _inPrevious;
    private bool[] _inCurrent;

    // Contexts this step could make from partial matches: left side, right side, and a key to count them once.
    private readonly int[] _potentialLeft = new int[MaxPotentials];
    private readonly byte[] _potentialRight = new byte[MaxPotentials];
    private readonly long[] _potentialKeys = new long[MaxPotentials + 1];
    private readonly int[] _potentialOrder = new int[MaxPotentials + 1];
    private readonly ushort[] _scratchFacts;

    // The best-matched contexts of the step (highest count, then newest), highest first.
    private readonly long[] _bestKeys;
    private readonly int[] _bestSlots;

    private readonly RecentValues _recent;
    private int _relearnBudget;
    private long _step;
    private long _lastHigh = -1;

    public ContextAnomalyDetector(ContextAnomalyDetectorOptions? options = null)
        : this(options ?? ContextAnomalyDetectorOptions.Default, null)
    {
    }

    /// <summary>With a range given up front (<see cref="LearnedRange.Known"/>): for reference measurements only.</summary>
    public ContextAnomalyDetector(ContextAnomalyDetectorOptions options, LearnedRange? range)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _options.Validate();
        _bits = _options.ValueBits;
        _range = range ?? new LearnedRange(_bits, _options.RangeMargin);
        _memory = new ContextMemory(_bits, _options.MaxActiveContexts, _options.MaxContexts, _options.MaxLeftSides);
        var width = _bits + _options.MaxActiveContexts;
        _previous = new ushort[width];
        _current = new ushort[width];
        _scratchFacts = new ushort[width];
        _bestKeys = new long[_options.MaxActiveContexts];
        _bestSlots = new int[_options.MaxActiveContexts];
        _recent = new RecentValues(_options.RelearnSamples);
        _inPrevious = new bool[_memory.SensorFacts + _options.MaxContexts];
        _inCurrent = new bool[_memory.SensorFacts + _options.MaxContexts];
        _rightLength = new byte[Pow3(_bits)];
        for (var code = 0; code < _rightLength.Length; code++)
        {
            var length = 0;
            for (var c = code; c > 0; c /= 3)
                if (c % 3 != 0)
                    length++;
            _rightLength[code] = (byte)length;
        }
        _matched = new byte[_rightLength.Length << _bits];
        for (var code = 0; code < _rightLength.Length; code++)
            for (var level = 0; level < 1 << _bits; level++)
                _matched[(code << _bits) | level] = ComputeMatched(code, level);
    }

    /// <summary>Bytes of the arrays this series holds (context memory and work space); fixed for the detector's life.</summary>
    public int BufferBytes =>
        _memory.BufferBytes + _recent.BufferBytes + (_previous.Length + _current.Length + _scratchFacts.Length) * sizeof(ushort) + (_inPrevious.Length + _inCurrent.Length) * sizeof(bool) +
        _rightLength.Length + _matched.Length + _bestKeys.Length * (sizeof(long) + sizeof(int)) + MaxPotentials * (sizeof(int) + sizeof(byte)) + (MaxPotentials + 1) * (sizeof(long) + sizeof(int));

    /// <summary>Contexts learned so far (at most <see cref="ContextAnomalyDetectorOptions.MaxContexts"/>).</summary>
    public int Contexts => _memory.Contexts;

    /// <summary>Steps relearned after widenings so far: what learning the range has cost (see <see cref="ContextAnomalyDetectorOptions.RelearnStepsPerSample"/>).</summary>
    public long RelearnedSteps { get; private set; }

    /// <summary>The last sample's score before the rest period: how unexpected it was, in [0, 1].</summary>
    public double RawScore { get; private set; }

    /// <summary>
    /// Scores <paramref name="value"/> and returns its <see cref="RawScore"/>: <see cref="AnomalyWatch"/> reads
    /// how unexpected every sample is, not the once-per-event score of <see cref="Score"/>. A new series' first
    /// samples are all new to it; the watch learns them without judging (<see cref="AnomalyRule.WarmUp"/>).
    /// </summary>
    public double Observe(double value)
    {
        Score(value);
        return RawScore;
    }

    /// <summary>Scores <paramref name="value"/> against what the past predicted, then learns it. Not a number scores 0 and is not learned.</summary>
    public double Score(double value)
    {
        if (!double.IsFinite(value))
            return 0;
        var level = _range.Level(value);
        _relearnBudget = Math.Min(_relearnBudget + _options.RelearnStepsPerSample, _options.RelearnSamples);
        if (_range.Widened)
            Relearn();
        var stepScore = Step(level);
        _recent.Add(value, _range.SeenMin, _range.SeenMax);

        // A value beyond every value seen (and the margin) is news by itself, and is reported even inside a
        // rest: the rest quiets the aftermath of an anomaly, not a new one.
        var news = _range.Widened;
        var raw = news ? 1.0 : stepScore;
        RawScore = raw;
        // Quiet at the start and after a high score: the first samples are all news, and an anomaly is
        // reported once rather than again at every step of its aftermath.
        var resting = _step - _lastHigh <= _options.RestPeriod;
        var starting = _step < _options.RestPeriod;
        var score = !resting || (news && !starting) ? raw : 0.0;
        if (raw >= _options.RestThreshold)
            _lastHigh = _step;
        _step++;
        return score;
    }

    // Every level now means other values than before: the contexts learned in the old levels are forgotten and
    // the recent values relearned in the new ones, so the detector knows the series as if it had always had
    // this range. As many as the budget allows: a series that keeps setting records (a disk filling) would
    // otherwise relearn thousands of steps at every sample.
    private void Relearn()
    {
        _memory.Clear();
        for (var i = 0; i < _previousCount; i++)
            _inPrevious[_previous[i]] = false;
        _previousCount = 0;
        var last = Math.Min(_recent.Count, _relearnBudget);
        _relearnBudget -= last;
        RelearnedSteps += last;
        for (var i = 0; i < last; i++)
            Step(_range.LevelOf(_recent.Value(i, last)));
    }

    // Learns one value's level as the step after the last and returns how unexpected it was, in [0, 1].
    private double Step(int level)
    {
        var sensorRight = (byte)0;
        for (int bit = 0, weight = 1; bit < _bits; bit++, weight *= 3)
            sensorRight += (byte)(weight * (1 + ((level >> bit) & 1)));

        if (_memory.PruneIfFull())
            ForgetDroppedFacts();

        // The context "previous step → this value" (zero level: made from whole steps); is it news?
        var newContext = -1;
        var potentials = 0;
        if (_previousCount > 0)
        {
            var left = _memory.FindOrAddLeft(_previous.AsSpan(0, _previousCount));
            if (left >= 0)
            {
                var (context, created) = _memory.FindOrAddContext(left, sensorRight, zeroLevel: true);
                if (created)
                    newContext = context;
                else if (context >= 0)
                    _memory.MarkZeroLevel(context);
            }
            _potentialKeys[potentials] = Key(FactsHash(_previous.AsSpan(0, _previousCount)), sensorRight);
            _potentialOrder[potentials++] = -1;
        }
        var isNew = newContext >= 0;

        // What the previous step predicted: every left side it held whole names its contexts' right sides.
        // A familiar step learns nothing from partial matches, so it only needs the left sides held whole,
        // and most left sides show they are not in their first facts.
        var selected = 0;
        var active = 0;
        var best = 0;
        for (var left = 0; left < _memory.LeftCapacity; left++)
        {
            if (!_memory.IsLeftAlive(left))
                continue;
            int crossed;
            if (isNew)
            {
                crossed = _memory.Crossed(left, _inPrevious);
                if (crossed == 0)
                    continue;
            }
            else if (_memory.IsHeld(left, _inPrevious))
                crossed = _memory.LeftLength(left);
            else
                continue;
            var whole = crossed == _memory.LeftLength(left);
            // Held in part, a left side only offers partial matches, and only while they are few enough to keep.
            if (!whole && (crossed > _options.MaxLeftFacts || potentials > MaxPotentials))
                continue;
            // The hash of the facts this left side shares with the previous step, made once for all its contexts.
            var commonHash = 0ul;
            var hashed = false;
            for (var c = _memory.FirstContext(left); c >= 0; c = _memory.NextContext(c))
            {
                if (c == newContext)
                    continue;
                if (whole)
                    selected++;
                else if (!_memory.IsZeroLevel(c))
                    continue;
                var right = _memory.Right(c);
                var matched = Matched(right, level);
                var matchedLength = _rightLength[matched];
                if (matchedLength == 0)
                    continue;
                if (whole && matchedLength == _rightLength[right])
                {
                    _memory.Matched(c);
                    active++;
                    best = KeepBest(best, ((long)_memory.Count(c) << 32) | (uint)_memory.Born(c), c);
                }
                else if (isNew && _memory.IsZeroLevel(c) && crossed <= _options.MaxLeftFacts && potentials <= MaxPotentials)
                {
                    // A partial match of a whole-step context: the common part may be the pattern that recurs.
                    if (!hashed)
                    {
                        commonHash = FactsHash(Common(left));
                        hashed = true;
                    }
                    _potentialLeft[potentials - 1] = left;
                    _potentialRight[potentials - 1] = matched;
                    _potentialKeys[potentials] = Key(commonHash, matched);
                    _potentialOrder[potentials] = potentials - 1;
                    potentials++;
                }
            }
        }
        var predicted = selected > 0 ? (double)active / selected : 0.0;

        // This step's facts: the value's bits and the contexts matched most often (newer first among equals).
        var count = 0;
        for (var bit = 0; bit < _bits; bit++)
            _current[count++] = (ushort)(2 * bit + ((level >> bit) & 1));
        for (var i = 0; i < best; i++)
            _current[count++] = (ushort)(_memory.SensorFacts + _bestSlots[i]);
        Array.Sort(_current, _bits, best);

        // Make the partial-match contexts, each distinct one once, and count how many were really new.
        Array.Sort(_potentialKeys, _potentialOrder, 0, potentials);
        var distinct = 0;
        var made = 0;
        for (var i = 0; i < potentials; i++)
        {
            if (i > 0 && _potentialKeys[i] == _potentialKeys[i - 1])
                continue;
            distinct++;
            var p = _potentialOrder[i];
            if (p < 0)
                continue;
            var left = _memory.FindOrAddLeft(Common(_potentialLeft[p]));
            if (left >= 0 && _memory.FindOrAddContext(left, _potentialRight[p], zeroLevel: false).Created)
                made++;
        }
        var novelty = isNew && distinct > 0 ? (double)(made + 1) / distinct : 0.0;

        // This step's facts by fact: the next step crosses the left sides with them.
        for (var i = 0; i < count; i++)
            _inCurrent[_current[i]] = true;
        for (var i = 0; i < _previousCount; i++)
            _inPrevious[_previous[i]] = false;
        (_previous, _current) = (_current, _previous);
        (_inPrevious, _inCurrent) = (_inCurrent, _inPrevious);
        _previousCount = count;

        return (1 - predicted + novelty) / 2;
    }

    // Keeps the MaxActiveContexts highest keys seen this step, highest first, by insertion: a steady series
    // can match hundreds of contexts at once, and sorting them all to take a few would cost more than the step.
    private int KeepBest(int kept, long key, int slot)
    {
        if (kept == _bestKeys.Length && key <= _bestKeys[kept - 1])
            return kept;
        var at = kept == _bestKeys.Length ? kept - 1 : kept++;
        while (at > 0 && _bestKeys[at - 1] < key)
        {
            _bestKeys[at] = _bestKeys[at - 1];
            _bestSlots[at] = _bestSlots[at - 1];
            at--;
        }
        _bestKeys[at] = key;
        _bestSlots[at] = slot;
        return kept;
    }

    // The facts of a left side that were present in the previous step, sorted (into the scratch buffer).
    private ReadOnlySpan<ushort> Common(int left)
    {
        var n = 0;
        foreach (var fact in _memory.LeftFacts(left))
            if (_inPrevious[fact])
                _scratchFacts[n++] = fact;
        return _scratchFacts.AsSpan(0, n);
    }

    // The part of a right side (base-3 code) that agrees with this level's bits, from the table made at
    // construction: a step checks every context of every left side it touches, and the digit arithmetic
    // (divisions) would cost more than the rest of the step.
    private byte Matched(byte right, int level) => _matched[(right << _bits) | level];

    private byte ComputeMatched(int right, int level)
    {
        int matched = 0, weight = 1;
        for (var bit = 0; bit < _bits; bit++, weight *= 3)
        {
            var digit = right / weight % 3;
            if (digit != 0 && digit - 1 == ((level >> bit) & 1))
                matched += digit * weight;
        }
        return (byte)matched;
    }

    // After a pruning, the previous step may name contexts that are gone: it can no longer hold them.
    private void ForgetDroppedFacts()
    {
        var kept = 0;
        for (var i = 0; i < _previousCount; i++)
        {
            var fact = _previous[i];
            if (fact < _memory.SensorFacts || _memory.IsContextAlive(fact - _memory.SensorFacts))
                _previous[kept++] = fact;
            else
                _inPrevious[fact] = false;
        }
        _previousCount = kept;
    }

    // A candidate context's identity for counting distinct ones: its facts and right side, hashed (FNV-1a),
    // in two parts so that the contexts of one left side hash its facts once.
    private static ulong FactsHash(ReadOnlySpan<ushort> facts)
    {
        var hash = 14695981039346656037ul;
        foreach (var fact in facts)
            hash = (hash ^ fact) * 1099511628211ul;
        return hash;
    }

    private static long Key(ulong factsHash, byte right) => (long)((factsHash ^ (ulong)(right + 65536)) * 1099511628211ul);

    private static int Pow3(int n)
    {
        var p = 1;
        for (var i = 0; i < n; i++)
            p *= 3;
        return p;
    }
}
