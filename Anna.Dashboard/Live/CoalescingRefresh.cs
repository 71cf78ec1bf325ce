namespace Anna.Dashboard.Live;

/// <summary>
/// Turns a burst of "something changed" signals into few refreshes: the first request refreshes at
/// once, later requests within <c>minInterval</c> fold into one trailing refresh, so the page never
/// misses the last change yet never reads the history store more than about once per interval.
/// <see cref="Request"/> is cheap and thread-safe because engine events arrive on the engine's threads.
/// </summary>
public sealed class CoalescingRefresh : IDisposable
{
    private const int Idle = 0, Running = 1, RunningAndDirty = 2;

    private readonly Func<CancellationToken, Task> _refresh;
    private readonly Action<Exception> _onError;
    private readonly TimeSpan _minInterval;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private int _state = Idle;

    public CoalescingRefresh(Func<CancellationToken, Task> refresh, Action<Exception> onError, TimeSpan minInterval, TimeProvider time)
    {
        _refresh = refresh;
        _onError = onError;
        _minInterval = minInterval;
        _time = time;
    }

    /// <summary>True when no refresh is running or pending (for tests that need to know it settled).</summary>
    internal bool IsIdle => Volatile.Read(ref _state) == Idle;

    public void Request()
    {
        while (!_stop.IsCancellationRequested)
        {
            switch (Volatile.Read(ref _state))
            {
                case Idle:
                    if (Interlocked.CompareExchange(ref _state, Running, Idle) == Idle)
                    {
                        _ = RunAsync();
                        return;
                    }
                    break;
                case Running:
                    if (Interlocked.CompareExchange(ref _state, RunningAndDirty, Running) == Running)
                        return;
                    break;
                default:
                    return; // a trailing refresh is already owed
            }
        }
    }

    private async Task RunAsync()
    {
        // Off the caller's thread: the publisher (the engine) must not wait for the page.
        await Task.Yield();
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await _refresh(_stop.Token);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // One failed refresh must not end live updates; the next change tries again.
                _onError(ex);
            }
            try
            {
                // The pause is what bounds the refresh rate, failed refreshes included.
                await Task.Delay(_minInterval, _time, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            if (Interlocked.CompareExchange(ref _state, Idle, Running) == Running)
                return;
            Volatile.Write(ref _state, Running); // was RunningAndDirty: go round once more
        }
    }

    // The source is cancelled, not disposed: a refresh still in flight may read its token.
    public void Dispose() => _stop.Cancel();
}
