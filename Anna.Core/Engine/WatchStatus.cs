using System.Collections.Concurrent;

namespace Anna.Core.Engine;

/// <summary>What Anna can watch right now, per source, in words a person can act on.</summary>
public sealed class WatchStatus
{
    private readonly ConcurrentDictionary<string, string> _sources = new(StringComparer.Ordinal);

    public event Action? Changed;

    public IReadOnlyDictionary<string, string> Snapshot => new SortedDictionary<string, string>(_sources, StringComparer.Ordinal);

    public void Set(string source, string status)
    {
        if (_sources.TryGetValue(source, out var old) && old == status)
            return;
        _sources[source] = status;
        Changed?.Invoke();
    }
}
