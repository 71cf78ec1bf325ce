namespace Anna.Server.Notifications;

/// <summary>
/// A bounded, numbered log that clients follow by long polling: each asks for what came after the
/// last number it saw and, when nothing has, waits up to a limit for the next entry. Numbers start
/// again with each run of Anna; <see cref="Boot"/> tells a follower that its number is from before.
/// </summary>
public sealed class FollowLog<T>(int capacity) where T : class
{
    private readonly Lock _gate = new();
    private readonly Queue<(long Id, T Item)> _entries = new();
    private TaskCompletionSource _posted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _last;

    public Guid Boot { get; } = Guid.NewGuid();

    /// <summary>Appends what <paramref name="compose"/> makes of the next number; nothing when it makes null.</summary>
    public void Post(Func<long, T?> compose)
    {
        TaskCompletionSource posted;
        lock (_gate)
        {
            if (compose(_last + 1) is not { } item)
                return;
            _entries.Enqueue((++_last, item));
            if (_entries.Count > capacity)
                _entries.Dequeue();
            posted = _posted;
            _posted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        posted.TrySetResult();
    }

    /// <summary>
    /// The entries after <paramref name="after"/>; when there are none yet, waits up to <paramref name="wait"/>
    /// for one. A follower whose <paramref name="boot"/> is another run's gets this run's entries from the
    /// start, at once: its number means nothing here.
    /// </summary>
    public async Task<(long Latest, IReadOnlyList<T> Items)> WaitAsync(long after, Guid? boot, TimeSpan wait, CancellationToken cancellationToken)
    {
        Task posted;
        lock (_gate)
        {
            if (boot is { } known && known != Boot)
                return (_last, After(0));
            if (After(after) is { Count: > 0 } ready)
                return (_last, ready);
            posted = _posted.Task;
        }
        await posted.WaitAsync(wait, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
            return (_last, After(after));
    }

    private List<T> After(long after) => [.. _entries.Where(e => e.Id > after).Select(e => e.Item)];
}
