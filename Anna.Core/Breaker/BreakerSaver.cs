using Microsoft.Extensions.Logging;

namespace Anna.Core.Breaker;

/// <summary>
/// Writes breaker records to the store. Saves are serialized and each writes the record as it
/// is at that moment (not as it was when the change was made), so the store ends with the
/// newest state whatever order callers arrive in. If a save fails the breaker still protects
/// this run of the daemon; the next change saves again.
/// </summary>
internal sealed class BreakerSaver(IBreakerStore store, Func<string, BreakerRecord?> latest, ILogger logger)
{
    private readonly SemaphoreSlim _saving = new(1, 1);

    public async Task SaveAsync(IReadOnlyList<string> subjects, CancellationToken cancellationToken)
    {
        if (subjects.Count == 0)
            return;
        await _saving.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var subject in subjects)
            {
                if (latest(subject) is { } record)
                    await store.SaveAsync(record, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _saving.Release();
        }
    }

    /// <summary>For callers that answer at once (a check, a snapshot): the open → half-open step they found is saved behind them.</summary>
    public void SaveInBackground(IReadOnlyList<string> subjects)
    {
        if (subjects.Count > 0)
            _ = SaveQuietlyAsync(subjects);
    }

    private async Task SaveQuietlyAsync(IReadOnlyList<string> subjects)
    {
        try
        {
            await SaveAsync(subjects, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not save circuit breakers {Subjects}", string.Join(", ", subjects));
        }
    }
}
