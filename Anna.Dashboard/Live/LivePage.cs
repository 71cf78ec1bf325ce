using Anna.Core.Events;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Logging;

namespace Anna.Dashboard.Live;

/// <summary>
/// A page that follows the engine live: it reads a snapshot when it opens and again, coalesced, after
/// engine events (and on a tick, for pages that show ages or expiries), applies it on the circuit's
/// thread, and lets go of everything when the page goes. Pages say only what to read, how to show it,
/// and which events matter; the subscription, throttle and disposal are written once, here.
/// </summary>
/// <typeparam name="TSnapshot">What one read returns; applied whole, so a page never shows half a read.</typeparam>
public abstract class LivePage<TSnapshot> : ComponentBase, IDisposable
{
    private CoalescingRefresh? _refresh;
    private IDisposable? _subscription;
    private ITimer? _tick;

    [Inject] protected EngineEventFeed Events { get; set; } = null!;

    [Inject] protected TimeProvider Time { get; set; } = null!;

    [Inject] protected ILoggerFactory Loggers { get; set; } = null!;

    /// <summary>The time zone times are shown in: the host's, through the injected clock, so tests can pick it.</summary>
    protected TimeZoneInfo LocalZone => Time.LocalTimeZone;

    /// <summary>At most one read per interval, whatever the burst of events.</summary>
    protected virtual TimeSpan MinRefreshInterval => TimeSpan.FromMilliseconds(100);

    /// <summary>Also read on this period (on the injected clock), for what changes without an event; null for never.</summary>
    protected virtual TimeSpan? TickInterval => null;

    /// <summary>Reads what the page shows. Runs off the circuit's thread; must not touch the page's fields.</summary>
    protected abstract Task<TSnapshot> ReadAsync(CancellationToken cancellationToken);

    /// <summary>Puts a snapshot on the page. Runs on the circuit's thread.</summary>
    protected abstract void Apply(TSnapshot snapshot);

    /// <summary>Whether an engine event may change what the page shows; every event by default.</summary>
    protected virtual bool Matters(EngineEvent engineEvent) => true;

    /// <summary>Read again soon, as after an event (after the page itself changed something).</summary>
    protected void RequestRefresh() => _refresh?.Request();

    protected override void OnInitialized()
    {
        var logger = Loggers.CreateLogger(GetType());
        // The throttle is a UI pause, not a schedule: it runs on the system clock even when tests fake time.
        _refresh = new CoalescingRefresh(RefreshAsync, ex => logger.LogWarning(ex, "Refreshing {Page} failed", GetType().Name),
            MinRefreshInterval, TimeProvider.System);
        // Subscribed before the first read, so no change can slip between read and subscription.
        _subscription = Events.Subscribe(e =>
        {
            if (Matters(e))
                _refresh.Request();
        });
        if (TickInterval is { } tick)
            _tick = Time.CreateTimer(_ => _refresh.Request(), null, tick, tick);
    }

    protected override async Task OnInitializedAsync() => Apply(await ReadAsync(CancellationToken.None));

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var snapshot = await ReadAsync(cancellationToken);
        await InvokeAsync(() =>
        {
            Apply(snapshot);
            StateHasChanged();
        });
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        _tick?.Dispose();
        _refresh?.Dispose();
        Disposing();
        GC.SuppressFinalize(this);
    }

    /// <summary>What a page holds beyond the live refresh, let go with it.</summary>
    protected virtual void Disposing()
    {
    }
}
