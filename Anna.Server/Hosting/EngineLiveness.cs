namespace Anna.Server.Hosting;

/// <summary>
/// Whether the healing loops are alive: each pass of a loop (a signal handled, a scan) is marked
/// busy while it runs. A loop waiting for work is alive; one busy for longer than any action may
/// take (past the longest job deadline) is stuck, and the watchdog stops vouching for Anna.
/// </summary>
public sealed class EngineLiveness(TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<long, (string What, DateTimeOffset Since)> _busy = [];
    private long _next;

    /// <summary>Marks one pass of a loop busy until disposed.</summary>
    public IDisposable Busy(string what)
    {
        long id;
        lock (_gate)
            _busy[id = ++_next] = (what, time.GetUtcNow());
        return new Pass(this, id);
    }

    /// <summary>The pass busy the longest, when it has been for more than <paramref name="limit"/>; null when every loop is alive.</summary>
    public (string What, TimeSpan For)? Stuck(TimeSpan limit)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (_busy.Count == 0)
                return null;
            var (what, since) = _busy.Values.MinBy(b => b.Since);
            return now - since > limit ? (what, now - since) : null;
        }
    }

    private void End(long id)
    {
        lock (_gate)
            _busy.Remove(id);
    }

    private sealed class Pass(EngineLiveness liveness, long id) : IDisposable
    {
        public void Dispose() => liveness.End(id);
    }
}
