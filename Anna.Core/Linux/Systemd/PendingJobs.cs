using System.Collections.Concurrent;

namespace Anna.Core.Linux.Systemd;

/// <summary>
/// Pairs systemd jobs with their JobRemoved signal. The JobRemoved match exists for the whole
/// connection, so it is in place before any job is queued; and because the signal may be handled
/// before the caller has even seen the job path in the method reply, whichever side comes first
/// creates the entry.
/// </summary>
internal sealed class PendingJobs
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<string>> _jobs = new(StringComparer.Ordinal);
    private int _callsInFlight;
    private Exception? _failure;

    /// <summary>Marks a job call in flight; signals for jobs are only kept while one is.</summary>
    public IDisposable BeginCall()
    {
        Interlocked.Increment(ref _callsInFlight);
        return new CallScope(this);
    }

    public Task<string> WaitAsync(string jobPath)
    {
        var tcs = _jobs.GetOrAdd(jobPath, static _ => NewCompletion());
        if (Volatile.Read(ref _failure) is { } failure)
            tcs.TrySetException(failure);
        return tcs.Task;
    }

    public void Forget(string jobPath) => _jobs.TryRemove(jobPath, out _);

    /// <summary>Called from the signal handler: must stay cheap and never block.</summary>
    public void Complete(string jobPath, string result)
    {
        if (Volatile.Read(ref _callsInFlight) == 0)
            return;
        _jobs.GetOrAdd(jobPath, static _ => NewCompletion()).TrySetResult(result);
    }

    /// <summary>The connection is gone: nobody will see these jobs finish over it.</summary>
    public void FailAll(Exception failure)
    {
        Volatile.Write(ref _failure, failure);
        foreach (var tcs in _jobs.Values)
            tcs.TrySetException(failure);
    }

    private void EndCall()
    {
        if (Interlocked.Decrement(ref _callsInFlight) != 0)
            return;
        // Signals for jobs other clients queued land here while our calls run; drop them.
        foreach (var (path, tcs) in _jobs)
        {
            if (tcs.Task.IsCompleted)
                _jobs.TryRemove(path, out _);
        }
    }

    private static TaskCompletionSource<string> NewCompletion() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private sealed class CallScope(PendingJobs owner) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
                owner.EndCall();
        }
    }
}
