namespace Anna.Core.Linux.Packages.Apt;

/// <summary>
/// Remembers the last answer to one question together with the <see cref="AptStateStamp"/> it
/// was computed under; the same stamp gets the same answer without asking apt again.
/// </summary>
internal sealed class StampedAnswer<T>
{
    private readonly Lock _gate = new();
    private (string Stamp, T Value)? _last;

    public async Task<T> GetAsync(string? stamp, Func<Task<T>> compute)
    {
        lock (_gate)
        {
            if (stamp is not null && _last is { } last && last.Stamp == stamp)
                return last.Value;
        }
        var value = await compute();
        if (stamp is not null)
        {
            lock (_gate)
                _last = (stamp, value);
        }
        return value;
    }
}
