using Anna.Core.Breaker;
using Anna.Core.Policy;
using Anna.Core.Tests.Fakes;
using Anna.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Anna.Core.Tests.Breaker;

public sealed class HealingCircuitBreakerTests
{
    private const string Web = "web.service";
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
    private readonly InMemoryBreakerStore _store = new();
    private readonly TestHealingConfig _config = new(Options(maxFailures: 3, windowMinutes: 60));

    private static HealingOptions Options(int maxFailures, int windowMinutes) => new()
    {
        CircuitBreaker = new CircuitBreakerOptions { MaxFailures = maxFailures, FailureWindowMinutes = windowMinutes },
    };

    private async Task<HealingCircuitBreaker> StartAsync(IBreakerStore? store = null)
    {
        var breaker = new HealingCircuitBreaker(store ?? _store, _config, _time, NullLogger<HealingCircuitBreaker>.Instance);
        await breaker.InitializeAsync(None);
        return breaker;
    }

    private static async Task FailAsync(HealingCircuitBreaker breaker, string subject, int times)
    {
        for (var i = 0; i < times; i++)
            await breaker.RecordAsync(subject, succeeded: false, None);
    }

    private static BreakerRecord Record(HealingCircuitBreaker breaker, string subject) =>
        breaker.Snapshot().Single(r => r.Subject == subject);

    [Fact]
    public async Task Opens_after_max_failures_within_the_window()
    {
        var breaker = await StartAsync();

        await FailAsync(breaker, Web, 2);
        Assert.True(breaker.Check(Web).Allowed);
        _time.Advance(TimeSpan.FromMinutes(34));
        await FailAsync(breaker, Web, 1);

        var check = breaker.Check(Web);
        Assert.False(check.Allowed);
        Assert.Equal(BreakerState.Open, check.SubjectState);
        Assert.Equal("gave up after 3 tries: circuit breaker open for web.service until 13:34 UTC (3 failed heals within 60 min), then one trial heal", check.Reason);
        var record = Record(breaker, Web);
        Assert.Equal(1, record.Trips);
        Assert.Equal(_time.GetUtcNow(), record.OpenedAt);
    }

    [Fact]
    public async Task Failures_spread_over_more_than_the_window_do_not_open()
    {
        var breaker = await StartAsync();

        for (var i = 0; i < 6; i++)
        {
            await FailAsync(breaker, Web, 1);
            _time.Advance(TimeSpan.FromMinutes(31));
        }

        var check = breaker.Check(Web);
        Assert.True(check.Allowed);
        Assert.Equal(BreakerState.Closed, check.SubjectState);
        Assert.Equal(BreakerState.Closed, check.GlobalState);
        Assert.Equal(2, Record(breaker, Web).Failures.Count);
        Assert.Equal(0, Record(breaker, BreakerRecord.Global).Trips);
    }

    [Fact]
    public async Task After_the_window_half_open_allows_exactly_one_trial()
    {
        var breaker = await StartAsync();
        await FailAsync(breaker, Web, 3);

        _time.Advance(TimeSpan.FromMinutes(59));
        Assert.False(breaker.Check(Web).Allowed);
        _time.Advance(TimeSpan.FromMinutes(1));

        var trial = breaker.Check(Web);
        Assert.True(trial.Allowed);
        Assert.Equal(BreakerState.HalfOpen, trial.SubjectState);
        Assert.Equal("half-open: one trial heal allowed for web.service", trial.Reason);
        var second = breaker.Check(Web);
        Assert.False(second.Allowed);
        Assert.Equal("half-open: a trial heal is already running for web.service", second.Reason);
        Assert.Equal(BreakerState.HalfOpen, _store[Web]!.State);
    }

    [Fact]
    public async Task A_successful_trial_closes_and_forgets_failures()
    {
        var breaker = await StartAsync();
        await FailAsync(breaker, Web, 3);
        _time.Advance(TimeSpan.FromMinutes(60));
        Assert.True(breaker.Check(Web).Allowed);

        await breaker.RecordAsync(Web, succeeded: true, None);

        var record = Record(breaker, Web);
        Assert.Equal(BreakerState.Closed, record.State);
        Assert.Empty(record.Failures);
        Assert.Equal(1, record.Trips);
        Assert.Equal(BreakerState.Closed, Record(breaker, BreakerRecord.Global).State);
        Assert.True(breaker.Check(Web).Allowed);
        Assert.True(breaker.Check(Web).Allowed);
        Assert.Equal(record, _store[Web]);
    }

    [Fact]
    public async Task A_failed_trial_reopens_and_counts_another_trip()
    {
        var breaker = await StartAsync();
        await FailAsync(breaker, Web, 3);
        _time.Advance(TimeSpan.FromMinutes(60));
        Assert.True(breaker.Check(Web).Allowed);

        await breaker.RecordAsync(Web, succeeded: false, None);

        var check = breaker.Check(Web);
        Assert.False(check.Allowed);
        Assert.Equal(BreakerState.Open, check.SubjectState);
        Assert.Equal("gave up after 1 try: circuit breaker open for web.service until 14:00 UTC (1 failed heal within 60 min, trip 2), then one trial heal", check.Reason);
        var record = Record(breaker, Web);
        Assert.Equal(2, record.Trips);
        Assert.Equal(_time.GetUtcNow(), record.OpenedAt);
    }

    [Fact]
    public async Task Global_breaker_opens_on_failures_across_subjects_and_blocks_every_subject()
    {
        var breaker = await StartAsync();

        await FailAsync(breaker, "a.service", 1);
        await FailAsync(breaker, "b.service", 1);
        await FailAsync(breaker, "c.service", 1);

        var check = breaker.Check("never-failed.service");
        Assert.False(check.Allowed);
        Assert.Equal(BreakerState.Closed, check.SubjectState);
        Assert.Equal(BreakerState.Open, check.GlobalState);
        Assert.StartsWith("global circuit breaker open until 13:00 UTC (3 failed heals within 60 min), then one trial heal", check.Reason);
        Assert.All(["a.service", "b.service", "c.service"], s => Assert.False(breaker.Check(s).Allowed));
        Assert.All(breaker.Snapshot().Skip(1), r => Assert.Equal(BreakerState.Closed, r.State));
    }

    [Fact]
    public async Task Global_half_open_lets_one_trial_through_for_all_subjects()
    {
        var breaker = await StartAsync();
        foreach (var unit in new[] { "a.service", "b.service", "c.service" })
            await FailAsync(breaker, unit, 1);
        _time.Advance(TimeSpan.FromMinutes(60));

        var trial = breaker.Check("a.service");
        Assert.True(trial.Allowed);
        Assert.Equal("global circuit breaker half-open: one trial heal allowed for a.service", trial.Reason);
        var other = breaker.Check("b.service");
        Assert.False(other.Allowed);
        Assert.Equal("global circuit breaker half-open: a trial heal is already running for a.service", other.Reason);

        await breaker.RecordAsync("a.service", succeeded: true, None);
        Assert.True(breaker.Check("b.service").Allowed);
        Assert.Equal(BreakerState.Closed, Record(breaker, BreakerRecord.Global).State);
    }

    [Fact]
    public async Task Success_forgets_the_units_failures_but_the_global_breaker_keeps_counting()
    {
        var breaker = await StartAsync();
        await FailAsync(breaker, Web, 2);

        await breaker.RecordAsync(Web, succeeded: true, None);
        await FailAsync(breaker, Web, 1); // a new failing episode of the same unit counts again globally

        Assert.Single(Record(breaker, Web).Failures);
        Assert.Equal(2, Record(breaker, BreakerRecord.Global).Failures.Count);
    }

    [Fact]
    public async Task Reset_closes_a_subject_breaker_and_clears_its_failures()
    {
        var breaker = await StartAsync();
        await FailAsync(breaker, Web, 3);
        await breaker.ResetAsync(BreakerRecord.Global, "dana", None);

        await breaker.ResetAsync(Web, "dana", None);

        var check = breaker.Check(Web);
        Assert.True(check.Allowed);
        Assert.Equal(BreakerState.Closed, check.SubjectState);
        var record = Record(breaker, Web);
        Assert.Empty(record.Failures);
        Assert.Equal(1, record.Trips); // the trip stays on record
        Assert.Equal(record, _store[Web]);
    }

    [Theory]
    [InlineData("never-failed.service", BreakerResetOutcome.NoSuchBreaker)]
    [InlineData("", BreakerResetOutcome.InvalidSubject)]
    [InlineData("bad\nname", BreakerResetOutcome.InvalidSubject)]
    public async Task A_reset_of_what_has_no_breaker_is_refused_and_changes_nothing(string subject, BreakerResetOutcome expected)
    {
        var breaker = await StartAsync();
        await FailAsync(breaker, Web, 3);
        var before = breaker.Snapshot();

        Assert.Equal(expected, await breaker.ResetAsync(subject, "dana", None));

        Assert.Equal(before.Select(r => (r.Subject, r.State, r.Failures.Count)), breaker.Snapshot().Select(r => (r.Subject, r.State, r.Failures.Count)));
        Assert.False(breaker.Check(Web).Allowed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("*")]
    public async Task Reset_of_null_or_star_closes_the_global_breaker(string? subject)
    {
        var breaker = await StartAsync();
        foreach (var unit in new[] { "a.service", "b.service", "c.service" })
            await FailAsync(breaker, unit, 1);
        Assert.False(breaker.Check("d.service").Allowed);

        await breaker.ResetAsync(subject, "dana", None);

        Assert.True(breaker.Check("d.service").Allowed);
        var global = breaker.Snapshot()[0];
        Assert.Equal(BreakerRecord.Global, global.Subject);
        Assert.Equal(BreakerState.Closed, global.State);
        Assert.Empty(global.Failures);
        Assert.Equal(BreakerState.Closed, _store[BreakerRecord.Global]!.State);
    }

    [Fact]
    public async Task State_survives_a_restart()
    {
        var before = await StartAsync();
        await FailAsync(before, Web, 3);
        await FailAsync(before, "db.service", 1);
        var snapshot = before.Snapshot();

        var after = await StartAsync();

        Assert.Equal(snapshot, after.Snapshot(), new RecordComparer());
        Assert.False(after.Check(Web).Allowed);
        _time.Advance(TimeSpan.FromMinutes(60));
        Assert.True(after.Check(Web).Allowed); // half-open after the window, counted from before the restart
    }

    [Fact]
    public async Task Tripped_is_raised_once_per_trip()
    {
        var breaker = await StartAsync();
        var tripped = new List<BreakerRecord>();
        breaker.Tripped += tripped.Add;

        await FailAsync(breaker, Web, 5); // the late failures while open are no new trip
        _time.Advance(TimeSpan.FromMinutes(60));
        Assert.True(breaker.Check(Web).Allowed);
        await FailAsync(breaker, Web, 1);

        // One unit failing again and again trips its own breaker only: the global one counts failing subjects.
        Assert.Equal([(Web, 1), (Web, 2)], tripped.Select(r => (r.Subject, r.Trips)));
        Assert.All(tripped, r => Assert.Equal(BreakerState.Open, r.State));
    }

    [Fact]
    public async Task A_unit_failing_on_every_heal_gets_max_failures_attempts_and_an_open_breaker()
    {
        var breaker = await StartAsync();
        var attempts = 0;

        for (var i = 0; i < 50; i++)
        {
            if (breaker.Check(Web).Allowed)
            {
                attempts++;
                await breaker.RecordAsync(Web, succeeded: false, None);
            }
            _time.Advance(TimeSpan.FromSeconds(12)); // 50 rounds over 10 minutes
        }

        Assert.Equal(3, attempts);
        Assert.Equal(BreakerState.Open, Record(breaker, Web).State);
        Assert.Equal(BreakerState.Open, _store[Web]!.State);
        Assert.Equal(1, Record(breaker, Web).Trips);
    }

    [Fact]
    public async Task Config_changes_apply_at_the_next_check_or_record()
    {
        _config.Current = Options(maxFailures: 5, windowMinutes: 60);
        var breaker = await StartAsync();
        await FailAsync(breaker, Web, 3);
        Assert.True(breaker.Check(Web).Allowed);

        _config.Current = Options(maxFailures: 3, windowMinutes: 10);
        await FailAsync(breaker, Web, 1);
        Assert.False(breaker.Check(Web).Allowed);

        _time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(BreakerState.HalfOpen, breaker.Check(Web).SubjectState);
    }

    [Fact]
    public async Task A_trial_that_never_reports_back_is_given_up_after_the_window()
    {
        var breaker = await StartAsync();
        await FailAsync(breaker, Web, 3);
        _time.Advance(TimeSpan.FromMinutes(60));
        Assert.True(breaker.Check(Web).Allowed);

        _time.Advance(TimeSpan.FromMinutes(59));
        Assert.False(breaker.Check(Web).Allowed);
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.True(breaker.Check(Web).Allowed);
    }

    [Fact]
    public async Task Concurrent_records_leave_consistent_counts()
    {
        _config.Current = Options(maxFailures: 1000, windowMinutes: 60);
        var store = new InMemoryBreakerStore { YieldOnSave = true };
        var breaker = await StartAsync(store);

        await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(async () =>
        {
            for (var n = 0; n < 10; n++)
                await breaker.RecordAsync($"unit{i % 5}.service", succeeded: false, None);
        })));

        var snapshot = breaker.Snapshot();
        Assert.Equal(5, snapshot[0].Failures.Count); // the global breaker counts failing subjects
        Assert.All(snapshot.Skip(1), r => Assert.Equal(100, r.Failures.Count));
        Assert.Equal(6, snapshot.Count);
        Assert.All(snapshot, r => Assert.Equal(r, store[r.Subject]));
    }

    [Fact]
    public async Task Concurrent_failures_trip_once()
    {
        var store = new InMemoryBreakerStore { YieldOnSave = true };
        var breaker = await StartAsync(store);
        var trips = 0;
        breaker.Tripped += r => { if (r.Subject == Web) Interlocked.Increment(ref trips); };

        await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => Task.Run(() => breaker.RecordAsync(Web, succeeded: false, None))));

        var record = Record(breaker, Web);
        Assert.Equal(1, trips);
        Assert.Equal(1, record.Trips);
        Assert.Equal(100, record.Failures.Count);
        Assert.Equal(record, store[Web]);
    }

    [Fact]
    public async Task The_global_subject_cannot_be_healed()
    {
        var breaker = await StartAsync();

        Assert.Throws<ArgumentException>(() => breaker.Check(BreakerRecord.Global));
        await Assert.ThrowsAsync<ArgumentException>(() => breaker.RecordAsync(BreakerRecord.Global, false, None));
    }

    /// <summary>Records hold their failures in a list; compare its contents, not the reference.</summary>
    private sealed class RecordComparer : IEqualityComparer<BreakerRecord>
    {
        public bool Equals(BreakerRecord? x, BreakerRecord? y) =>
            x is not null && y is not null && x with { Failures = [] } == y with { Failures = [] } && x.Failures.SequenceEqual(y.Failures);

        public int GetHashCode(BreakerRecord obj) => obj.Subject.GetHashCode(StringComparison.Ordinal);
    }
}
