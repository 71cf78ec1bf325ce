using Anna.Core.Policy;
using Microsoft.Extensions.Logging;
using static Anna.Core.Breaker.BreakerTransitions;

namespace Anna.Core.Breaker;

/// <summary>
/// Stops automatic healing of a subject (a unit, a mount point) after max_failures failed heals
/// within failure_window — or of everything, through the global breaker, once max_failures
/// different subjects failed within the window (the machine or Anna itself is then suspect). After the
/// window one trial heal may run; its outcome closes or re-opens the breaker. This is what
/// turns a unit that crashes after every restart into a bounded number of restarts.
/// </summary>
/// <remarks>
/// Memory is the truth and the store follows it (see <see cref="BreakerSaver"/>): state
/// changes under the lock, then is saved outside it.
/// </remarks>
public sealed class HealingCircuitBreaker
{
    private readonly IBreakerStore _store;
    private readonly IHealingConfig _config;
    private readonly TimeProvider _time;
    private readonly ILogger<HealingCircuitBreaker> _logger;
    private readonly BreakerSaver _saver;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, BreakerRecord> _records = new(StringComparer.Ordinal);
    // Half-open breakers whose one trial heal is out; keyed by breaker subject. In memory only:
    // after a restart no trial can still be running.
    private readonly Dictionary<string, BreakerTrial> _trials = new(StringComparer.Ordinal);

    /// <summary>Raised after a breaker opened (once per trip), with the record as it now stands.</summary>
    public event Action<BreakerRecord>? Tripped;

    public HealingCircuitBreaker(IBreakerStore store, IHealingConfig config, TimeProvider time, ILogger<HealingCircuitBreaker> logger)
    {
        _store = store;
        _config = config;
        _time = time;
        _logger = logger;
        _saver = new BreakerSaver(store, Latest, logger);
    }

    /// <summary>Loads the stored breakers. Call once at start-up, before the first heal.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var loaded = await _store.LoadAllAsync(cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            foreach (var record in loaded.Where(r => !string.IsNullOrWhiteSpace(r.Subject)))
                _records[record.Subject] = record;
        }
        var notClosed = loaded.Count(r => r.State != BreakerState.Closed);
        _logger.LogInformation("Loaded {Count} circuit breakers, {NotClosed} not closed", loaded.Count, notClosed);
    }

    /// <summary>
    /// May an automatic heal of <paramref name="subject"/> run now? An allowed answer while a
    /// breaker is half-open hands out its one trial: report the outcome with <see cref="RecordAsync"/>.
    /// </summary>
    public BreakerCheck Check(string subject) => Evaluate(subject, handOutTrial: true);

    /// <summary>
    /// What <see cref="Check"/> would answer, without handing out a half-open trial: for showing
    /// a decision (API, dashboard) before anything runs.
    /// </summary>
    public BreakerCheck Peek(string subject) => Evaluate(subject, handOutTrial: false);

    private BreakerCheck Evaluate(string subject, bool handOutTrial)
    {
        CheckSubject(subject);
        var now = _time.GetUtcNow();
        var (_, window) = Limits(_config.Current.CircuitBreaker);
        var advanced = new List<string>();
        BreakerCheck check;
        lock (_gate)
        {
            var global = AdvanceLocked(BreakerRecord.Global, now, window, advanced);
            var own = AdvanceLocked(subject, now, window, advanced);
            check = DecideLocked(subject, own, global, now, window, handOutTrial);
        }
        _saver.SaveInBackground(advanced);
        return check;
    }

    /// <summary>Books the outcome of a heal of <paramref name="subject"/>; opens or closes breakers as the rules say.</summary>
    public async Task RecordAsync(string subject, bool succeeded, CancellationToken cancellationToken)
    {
        CheckSubject(subject);
        var now = _time.GetUtcNow();
        var (maxFailures, window) = Limits(_config.Current.CircuitBreaker);
        var changed = new List<string>();
        var tripped = new List<BreakerRecord>();
        lock (_gate)
        {
            var global = AdvanceLocked(BreakerRecord.Global, now, window, changed);
            var own = AdvanceLocked(subject, now, window, changed);
            EndTrialsLocked(subject);
            var newOwn = succeeded ? Succeed(own, now, window, forgetFailures: true) : Fail(own, now, maxFailures, window);
            // The global breaker counts failing subjects, not failures: one crash-looping unit is
            // its own breaker's business and must not stop the healing of every other unit. Its
            // first failure in the window counts (and any failure of a global half-open trial).
            var countsGlobally = own.Failures.Count == 0 || global.State == BreakerState.HalfOpen;
            var newGlobal = succeeded ? Succeed(global, now, window, forgetFailures: false)
                : countsGlobally ? Fail(global, now, maxFailures, window) : global;
            foreach (var (before, after) in new[] { (own, newOwn), (global, newGlobal) })
            {
                SetLocked(before, after, changed);
                if (after.State == BreakerState.Open && before.State != BreakerState.Open)
                    tripped.Add(after);
            }
        }

        await _saver.SaveAsync(changed, cancellationToken).ConfigureAwait(false);
        foreach (var record in tripped)
            RaiseTripped(record, window);
    }

    /// <summary>
    /// A person closes one breaker — or the global one for null or "*" — and clears its failures. Every
    /// door (API, dashboard, annactl) comes through here, so the checks and the record of who reset it
    /// are the same whichever was used.
    /// </summary>
    public async Task<BreakerResetOutcome> ResetAsync(string? subject, string by, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        if (subject is not null && (subject.Length is 0 or > 255 || subject.Any(char.IsControl)))
            return BreakerResetOutcome.InvalidSubject;
        var key = subject ?? BreakerRecord.Global;
        var changed = new List<string>();
        lock (_gate)
        {
            if (!_records.TryGetValue(key, out var record))
                return key == BreakerRecord.Global ? BreakerResetOutcome.Reset : BreakerResetOutcome.NoSuchBreaker;
            SetLocked(record, BreakerTransitions.Reset(record), changed);
        }
        _logger.LogInformation("Circuit breaker {Subject} reset by {By}", key, by);
        if (changed.Count > 0)
            await _saver.SaveAsync(changed, cancellationToken).ConfigureAwait(false);
        return BreakerResetOutcome.Reset;
    }

    /// <summary>Every breaker as it stands now, the global one first, then subjects by name.</summary>
    public IReadOnlyList<BreakerRecord> Snapshot()
    {
        var now = _time.GetUtcNow();
        var (_, window) = Limits(_config.Current.CircuitBreaker);
        var advanced = new List<string>();
        List<BreakerRecord> records;
        lock (_gate)
        {
            var global = AdvanceLocked(BreakerRecord.Global, now, window, advanced);
            records = [global];
            foreach (var subject in _records.Keys.Where(k => k != BreakerRecord.Global).Order(StringComparer.Ordinal).ToList())
                records.Add(AdvanceLocked(subject, now, window, advanced));
        }
        _saver.SaveInBackground(advanced);
        return records;
    }

    private BreakerCheck DecideLocked(string subject, BreakerRecord own, BreakerRecord global, DateTimeOffset now, TimeSpan window, bool handOutTrial)
    {
        BreakerCheck Deny(string reason) => new(false, own.State, global.State, reason);

        // The subject's own reason first: it is the more specific one when both breakers hold.
        if (own.State == BreakerState.Open)
            return Deny(BreakerReasons.Open(own, now, window));
        if (global.State == BreakerState.Open)
            return Deny(BreakerReasons.Open(global, now, window));
        if (own.State == BreakerState.HalfOpen && TrialRunningLocked(subject, now, window) is not null)
            return Deny(BreakerReasons.TrialRunning(subject, subject));
        if (global.State == BreakerState.HalfOpen && TrialRunningLocked(BreakerRecord.Global, now, window) is { } globalTrial)
            return Deny(BreakerReasons.TrialRunning(BreakerRecord.Global, globalTrial.For));

        // Allowed: hand out the trials only now, so a denied check never uses one up.
        var reason = BreakerReasons.Closed;
        if (global.State == BreakerState.HalfOpen)
        {
            if (handOutTrial)
                _trials[BreakerRecord.Global] = new BreakerTrial(subject, now);
            reason = BreakerReasons.TrialAllowed(BreakerRecord.Global, subject);
        }
        if (own.State == BreakerState.HalfOpen)
        {
            if (handOutTrial)
                _trials[subject] = new BreakerTrial(subject, now);
            reason = BreakerReasons.TrialAllowed(subject, subject);
        }
        return new(true, own.State, global.State, reason);
    }

    /// <summary>
    /// The trial that is out, if any. A trial older than the window is taken as lost (its heal
    /// never reported back); waiting on it would block the subject for good.
    /// </summary>
    private BreakerTrial? TrialRunningLocked(string breaker, DateTimeOffset now, TimeSpan window)
    {
        if (!_trials.TryGetValue(breaker, out var trial))
            return null;
        if (now < trial.Started + window)
            return trial;
        _trials.Remove(breaker);
        _logger.LogWarning("The trial heal for {Subject} never reported back; allowing another", trial.For);
        return null;
    }

    /// <summary>The heal of <paramref name="subject"/> reported back: the trials it held are over.</summary>
    private void EndTrialsLocked(string subject)
    {
        _trials.Remove(subject);
        if (_trials.TryGetValue(BreakerRecord.Global, out var global) && global.For == subject)
            _trials.Remove(BreakerRecord.Global);
    }

    private BreakerRecord AdvanceLocked(string subject, DateTimeOffset now, TimeSpan window, List<string> changed)
    {
        var record = _records.GetValueOrDefault(subject) ?? Closed(subject);
        var advanced = Advance(record, now, window);
        SetLocked(record, advanced, changed);
        return advanced;
    }

    private void SetLocked(BreakerRecord before, BreakerRecord after, List<string> changed)
    {
        if (ReferenceEquals(before, after))
            return;
        _records[after.Subject] = after;
        if (after.State != BreakerState.HalfOpen)
            _trials.Remove(after.Subject);
        if (!changed.Contains(after.Subject))
            changed.Add(after.Subject);
        if (before.State != after.State)
            _logger.LogInformation("Circuit breaker {Subject}: {From} -> {To}", after.Subject, before.State, after.State);
    }

    private void RaiseTripped(BreakerRecord record, TimeSpan window)
    {
        _logger.LogWarning("Circuit breaker {Subject} opened (trip {Trips}): {Failures} failed heals within {Window} min",
            record.Subject, record.Trips, record.Failures.Count, window.TotalMinutes);
        try
        {
            Tripped?.Invoke(record);
        }
        catch (Exception ex)
        {
            // A listener's bug must not undo the bookkeeping or fail the heal that reported.
            _logger.LogError(ex, "A Tripped listener failed for {Subject}", record.Subject);
        }
    }

    private BreakerRecord? Latest(string subject)
    {
        lock (_gate)
            return _records.GetValueOrDefault(subject);
    }

    private static void CheckSubject(string subject)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        if (subject == BreakerRecord.Global)
            throw new ArgumentException($"\"{BreakerRecord.Global}\" names the global breaker, not a subject", nameof(subject));
    }
}
