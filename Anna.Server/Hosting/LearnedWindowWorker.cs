using Anna.Core.Insights;
using Anna.Core.Policy;
using Anna.Core.Samples;

namespace Anna.Server.Hosting;

/// <summary>
/// With <c>healing.schedule.learn = true</c>, keeps [healing.schedule] current: within an hour of the
/// setting being on, then once a day, it applies the learned window through the policy editor — the
/// same validated, comment-keeping write as a person's, journaled in history as an undoable edit by
/// <see cref="LearnedWindowUpdate.RequestedByAnna"/> with the lists it changed. A proposal that is
/// not ready (too little data) or already in force changes nothing.
/// </summary>
public sealed partial class LearnedWindowWorker(
    ISampleStore samples, IHealingConfig config, IPolicyEditor editor, TimeProvider time, ILogger<LearnedWindowWorker> logger) : BackgroundService
{
    /// <summary>How often the setting is looked at.</summary>
    public static readonly TimeSpan CheckInterval = TimeSpan.FromHours(1);

    /// <summary>
    /// How often the window is re-learned. A day: the proposal stands on four weeks, so it moves
    /// slowly; re-applying more often would only add history rows.
    /// </summary>
    public static readonly TimeSpan ApplyInterval = TimeSpan.FromDays(1);

    private DateTimeOffset? _lastApplied;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(CheckInterval, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (stoppingToken.IsCancellationRequested)
                break;
            try
            {
                await KeepCurrentAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                logger.LogWarning(ex, "Could not keep the learned maintenance window current; trying again in {Interval}", CheckInterval);
            }
        }
    }

    /// <summary>One pass: applies the learned window when learn is on and a day has passed; returns what the editor said, or null when nothing was tried.</summary>
    public async Task<PolicyEditResult?> KeepCurrentAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (!config.Current.Schedule.Learn)
        {
            _lastApplied = null; // turned on again later: applied within the hour, not a day after
            return null;
        }
        if (_lastApplied is { } last && now - last < ApplyInterval)
            return null;
        var window = await LearnedWindowRead.ReadAsync(samples, time.LocalTimeZone, now, cancellationToken);
        _lastApplied = now;
        if (window.Schedule is not { } proposed)
        {
            LogNotReady(logger, window.Reason);
            return null;
        }
        var update = LearnedWindowUpdate.For(proposed, config.Current);
        if (update.IsEmpty)
            return null;
        var why = $"{window.Reason} {string.Join("; ", window.Evidence.Select(e => e.Text))}";
        var result = await editor.EditAsync(update, LearnedWindowUpdate.RequestedByAnna, why, cancellationToken);
        if (result.Outcome == PolicyEditOutcome.Written)
            LogApplied(logger, window.Reason, string.Join(" | ", window.Evidence.Select(e => e.Text)));
        else
            LogRefused(logger, result.Reason ?? string.Join("; ", result.Errors.Select(e => $"{e.Key}: {e.Message}")));
        return result;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Learned maintenance window applied (healing.schedule.learn): {Reason} Evidence: {Evidence}")]
    private static partial void LogApplied(ILogger logger, string reason, string evidence);

    [LoggerMessage(Level = LogLevel.Information, Message = "No learned maintenance window to apply yet: {Reason}")]
    private static partial void LogNotReady(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The learned maintenance window could not be written: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);
}
