namespace Anna.Core.Prediction;

/// <summary>
/// The learned contexts of one <see cref="ContextAnomalyDetector"/>, in arrays sized once so the memory a
/// series costs is fixed. A context is a pair: a left side (a set of facts seen at one step: the levels'
/// bits and the contexts that were active) and a right side (some of the bits of the next value). Left
/// sides are shared by many contexts, so they are stored once, found by the hash of their sorted facts,
/// and each keeps a chain of its contexts. A right side is a partial assignment of the value's bits,
/// coded in base 3 (absent, 0, 1 per bit), so it needs no table at all.
/// The published detector keeps every context it ever made; on a long series that grows without end.
/// Here, when either table is three quarters full, the half matched least often is dropped (newer first
/// kept among equals), together with every left side that names a dropped context as a fact (it could
/// never be matched again), and the survivors' counts are halved so that newer habits can compete.
/// </summary>
internal sealed class ContextMemory
{
    private const int None = -1;

    private readonly int _sensorFacts;
    private readonly int _stride;

    // Contexts, by slot. A free slot has left None.
    private readonly int[] _contextLeft;
    private readonly byte[] _contextRight;
    private readonly int[] _contextCount;
    private readonly int[] _contextBorn;
    private readonly bool[] _contextZeroLevel;
    private readonly int[] _contextNext;
    private readonly bool[] _contextKeep;
    private readonly int[] _freeContexts;
    private int _freeContextCount;

    // Left sides, by slot: their facts (sorted, a fixed stride each).
    private readonly ushort[] _facts;
    private readonly byte[] _leftLength;
    private readonly int[] _leftFirst;
    private readonly int[] _leftHash;
    private readonly bool[] _leftKeep;
    private readonly int[] _freeLefts;
    private int _freeLeftCount;

    // Open addressing by hash of the facts, rebuilt after every pruning (so no deletions to handle).
    private readonly int[] _table;

    // Work space of the pruning, which ranks every context: the keys by slot and the live slots.
    private readonly ulong[] _rankKeys;
    private readonly int[] _rankSlots;

    private int _born;

    public ContextMemory(int valueBits, int maxActiveContexts, int maxContexts, int maxLeftSides)
    {
        _sensorFacts = 2 * valueBits;
        _stride = valueBits + maxActiveContexts;
        _contextLeft = new int[maxContexts];
        _contextRight = new byte[maxContexts];
        _contextCount = new int[maxContexts];
        _contextBorn = new int[maxContexts];
        _contextZeroLevel = new bool[maxContexts];
        _contextNext = new int[maxContexts];
        _contextKeep = new bool[maxContexts];
        _freeContexts = new int[maxContexts];
        _facts = new ushort[maxLeftSides * _stride];
        _leftLength = new byte[maxLeftSides];
        _leftFirst = new int[maxLeftSides];
        _leftHash = new int[maxLeftSides];
        _leftKeep = new bool[maxLeftSides];
        _freeLefts = new int[maxLeftSides];
        _table = new int[(int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)maxLeftSides * 2)];
        _rankKeys = new ulong[maxContexts];
        _rankSlots = new int[maxContexts];
        Array.Fill(_contextLeft, None);
        Array.Fill(_leftFirst, None);
        Array.Fill(_table, None);
        for (var i = 0; i < maxContexts; i++)
            _freeContexts[i] = maxContexts - 1 - i;
        _freeContextCount = maxContexts;
        for (var i = 0; i < maxLeftSides; i++)
            _freeLefts[i] = maxLeftSides - 1 - i;
        _freeLeftCount = maxLeftSides;
    }

    /// <summary>Bytes of the arrays this memory holds; fixed for its life.</summary>
    public int BufferBytes =>
        _contextLeft.Length * (sizeof(int) + sizeof(byte) + sizeof(int) + sizeof(int) + sizeof(bool) + sizeof(int) + sizeof(bool) + sizeof(int) + sizeof(ulong) + sizeof(int)) +
        _facts.Length * sizeof(ushort) +
        _leftLength.Length * (sizeof(byte) + sizeof(int) + sizeof(int) + sizeof(bool) + sizeof(int)) +
        _table.Length * sizeof(int);

    public int SensorFacts => _sensorFacts;
    public int ContextCapacity => _contextLeft.Length;
    public int LeftCapacity => _leftLength.Length;
    public int Contexts => _contextLeft.Length - _freeContextCount;
    public int LeftSides => _leftLength.Length - _freeLeftCount;

    public bool IsLeftAlive(int left) => _leftLength[left] != 0;
    public int LeftLength(int left) => _leftLength[left];
    public ReadOnlySpan<ushort> LeftFacts(int left) => _facts.AsSpan(left * _stride, _leftLength[left]);
    public int FirstContext(int left) => _leftFirst[left];
    public int NextContext(int context) => _contextNext[context];
    public bool IsContextAlive(int context) => _contextLeft[context] != None;
    public byte Right(int context) => _contextRight[context];
    public int Count(int context) => _contextCount[context];
    public int Born(int context) => _contextBorn[context];
    public bool IsZeroLevel(int context) => _contextZeroLevel[context];
    public void MarkZeroLevel(int context) => _contextZeroLevel[context] = true;
    public void Matched(int context) => _contextCount[context]++;

    /// <summary>The left side with exactly these (sorted) facts, made if new; None when the table is full.</summary>
    public int FindOrAddLeft(ReadOnlySpan<ushort> facts)
    {
        var hash = Hash(facts);
        var mask = _table.Length - 1;
        var at = hash & mask;
        while (_table[at] != None)
        {
            var left = _table[at];
            if (_leftHash[left] == hash && LeftFacts(left).SequenceEqual(facts))
                return left;
            at = (at + 1) & mask;
        }
        if (_freeLeftCount == 0)
            return None;
        var added = _freeLefts[--_freeLeftCount];
        facts.CopyTo(_facts.AsSpan(added * _stride, _stride));
        _leftLength[added] = (byte)facts.Length;
        _leftFirst[added] = None;
        _leftHash[added] = hash;
        _table[at] = added;
        return added;
    }

    /// <summary>The context (left, right), made if new; None when the table is full.</summary>
    public (int Context, bool Created) FindOrAddContext(int left, byte right, bool zeroLevel)
    {
        for (var c = _leftFirst[left]; c != None; c = _contextNext[c])
            if (_contextRight[c] == right)
                return (c, false);
        if (_freeContextCount == 0)
            return (None, false);
        var added = _freeContexts[--_freeContextCount];
        _contextLeft[added] = left;
        _contextRight[added] = right;
        _contextCount[added] = 0;
        _contextBorn[added] = _born++;
        _contextZeroLevel[added] = zeroLevel;
        _contextNext[added] = _leftFirst[left];
        _leftFirst[left] = added;
        return (added, true);
    }

    /// <summary>Forgets every context: after the levels have moved, what they said no longer holds.</summary>
    public void Clear()
    {
        Array.Fill(_contextLeft, None);
        Array.Fill(_leftFirst, None);
        Array.Fill(_table, None);
        Array.Clear(_leftLength);
        for (var i = 0; i < _contextLeft.Length; i++)
            _freeContexts[i] = _contextLeft.Length - 1 - i;
        _freeContextCount = _contextLeft.Length;
        for (var i = 0; i < _leftLength.Length; i++)
            _freeLefts[i] = _leftLength.Length - 1 - i;
        _freeLeftCount = _leftLength.Length;
    }

    /// <summary>How many of a left side's facts are in a step's facts (<paramref name="present"/> by fact).</summary>
    public int Crossed(int left, bool[] present)
    {
        var crossed = 0;
        // Added, not branched on: whether a fact is present is a coin toss the processor cannot predict.
        foreach (var fact in LeftFacts(left))
            crossed += present[fact] ? 1 : 0;
        return crossed;
    }

    /// <summary>
    /// Whether a step holds every fact of a left side: <see cref="Crossed"/> equal to its length, but it stops
    /// at the first fact missing, as most left sides differ from a step in their first facts (the levels' bits).
    /// </summary>
    public bool IsHeld(int left, bool[] present)
    {
        foreach (var fact in LeftFacts(left))
            if (!present[fact])
                return false;
        return true;
    }

    /// <summary>Prunes when a table is three quarters full; true when it did (contexts may have been dropped).</summary>
    public bool PruneIfFull()
    {
        if (_freeContextCount * 4 > _contextLeft.Length && _freeLeftCount * 4 > _leftLength.Length)
            return false;
        Prune();
        return true;
    }

    private void Prune()
    {
        // Rank the contexts: most matched first, newer first among equals.
        var n = 0;
        for (var c = 0; c < _contextLeft.Length; c++)
        {
            _contextKeep[c] = false;
            if (_contextLeft[c] == None)
                continue;
            _rankKeys[c] = ((ulong)_contextCount[c] << 32) | (uint)_contextBorn[c];
            _rankSlots[n++] = c;
        }
        // The free list is rebuilt from the survivors below: until then its array is the sort's work space.
        RadixRank.Descending(_rankKeys, _rankSlots.AsSpan(0, n), _freeContexts);
        Array.Clear(_leftKeep);
        int keptContexts = 0, keptLefts = 0;
        for (var i = 0; i < n && keptContexts < _contextLeft.Length / 2; i++)
        {
            var c = _rankSlots[i];
            var left = _contextLeft[c];
            if (!_leftKeep[left])
            {
                if (keptLefts >= _leftLength.Length / 2)
                    continue;
                _leftKeep[left] = true;
                keptLefts++;
            }
            _contextKeep[c] = true;
            keptContexts++;
        }

        // A left side naming a dropped context can never be matched again: drop it and its contexts,
        // which may in turn orphan other left sides.
        bool changed;
        do
        {
            changed = false;
            for (var left = 0; left < _leftLength.Length; left++)
            {
                if (!_leftKeep[left])
                    continue;
                foreach (var fact in LeftFacts(left))
                    if (fact >= _sensorFacts && !_contextKeep[fact - _sensorFacts])
                    {
                        _leftKeep[left] = false;
                        for (var c = _leftFirst[left]; c != None; c = _contextNext[c])
                            _contextKeep[c] = false;
                        changed = true;
                        break;
                    }
            }
        } while (changed);

        // Survivors: rebuild the chains, the free lists and the hash table.
        Array.Fill(_leftFirst, None);
        _freeContextCount = 0;
        for (var c = _contextLeft.Length - 1; c >= 0; c--)
        {
            if (_contextKeep[c] && _leftKeep[_contextLeft[c]])
            {
                _contextCount[c] >>= 1;
                _contextNext[c] = _leftFirst[_contextLeft[c]];
                _leftFirst[_contextLeft[c]] = c;
            }
            else
            {
                _contextLeft[c] = None;
                _freeContexts[_freeContextCount++] = c;
            }
        }
        Array.Fill(_table, None);
        _freeLeftCount = 0;
        var mask = _table.Length - 1;
        for (var left = _leftLength.Length - 1; left >= 0; left--)
        {
            if (_leftKeep[left] && _leftFirst[left] != None)
            {
                var at = _leftHash[left] & mask;
                while (_table[at] != None)
                    at = (at + 1) & mask;
                _table[at] = left;
            }
            else
            {
                _leftLength[left] = 0;
                _freeLefts[_freeLeftCount++] = left;
            }
        }
    }

    // FNV-1a over the facts: the same set always hashes the same, in every process (no random seed).
    private static int Hash(ReadOnlySpan<ushort> facts)
    {
        var hash = 2166136261u;
        foreach (var fact in facts)
            hash = (hash ^ fact) * 16777619u;
        return (int)(hash & 0x7FFFFFFF);
    }
}
