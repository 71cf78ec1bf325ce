using Anna.Core.Vocabulary;
using Anna.Testing;
using Anna.Core.Linux.Systemd;
using Anna.Dashboard.Pages;
using Anna.Dashboard.Tests.Fakes;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;
using static Anna.Testing.FakeSystemdManager;

namespace Anna.Dashboard.Tests;

public sealed class ServicesPageTests : DashboardTestContext
{
    private readonly FakeSystemdManager _systemd = new();

    // The page's poll clock only; the engine and the breaker keep the system clock.
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    public ServicesPageTests()
    {
        Services.AddSingleton<ISystemdManager>(_systemd);
        Services.AddSingleton(Rig.Requests);
        Services.AddSingleton(Rig.Breaker);
        Services.AddSingleton<TimeProvider>(_clock);
        _systemd.Units.AddRange(
        [
            Unit("nginx.service", "active", mainPid: 812, restarts: 2, restart: "on-failure", description: "A web server"),
            Unit("zeta.service", "failed", "failed", "exit-code"),
            Unit("apache.service", "activating", "start-pre"),
            Unit("alpha.service", "failed", "failed", "signal"),
            Unit("dbus.socket", "active", "listening"),
        ]);
    }

    [Fact]
    public void Lists_only_services_failed_first_then_by_name_with_their_properties()
    {
        var cut = Render<Services>();

        var rows = cut.FindAll("[data-testid=service-row]");
        Assert.Equal(["alpha.service", "zeta.service", "apache.service", "nginx.service"], rows.Select(r => r.GetAttribute("data-unit")));
        Assert.Equal(["failed", "failed", "activating", "active"], rows.Select(r => r.GetAttribute("data-state")));
        var nginx = rows[3];
        Assert.Contains("A web server", nginx.TextContent);
        Assert.Contains("812", nginx.TextContent);
        Assert.Contains("on-failure", nginx.TextContent);
        Assert.Contains("active/running", nginx.QuerySelector("[data-testid=unit-state]")!.TextContent);
        Assert.Equal("none", nginx.QuerySelector("[data-testid=breaker]")!.GetAttribute("data-breaker"));
        Assert.Empty(cut.FindAll("[data-testid=heal-unit]"));
        Assert.Empty(cut.FindAll("[data-testid=reset-breaker]"));
    }

    [Fact]
    public void The_filter_narrows_the_list_by_name_or_description()
    {
        var cut = Render<Services>();

        cut.Find("input").Input("web server");

        var row = Assert.Single(cut.FindAll("[data-testid=service-row]"));
        Assert.Equal("nginx.service", row.GetAttribute("data-unit"));
    }

    [Fact]
    public async Task Healing_a_failed_unit_shows_the_plan_then_runs_the_restart_through_the_engine()
    {
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<Services>();

        await Engine.ObserveAsync(FailedService("zeta.service"), CancellationToken.None);
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=service-row][data-unit='zeta.service'] [data-testid=heal-unit]")), Patience);
        Assert.Single(cut.FindAll("[data-testid=heal-unit]")); // alpha has no open issue

        cut.Find("[data-testid=heal-unit]").Click();
        dialogs.WaitForAssertion(() =>
        {
            var item = dialogs.Find("[data-testid=plan-item]");
            Assert.Equal("zeta.service", item.GetAttribute("data-subject"));
            Assert.Contains("would restart zeta.service", item.TextContent);
            Assert.Contains("would run", item.TextContent);
        }, Patience);
        Assert.DoesNotContain(History.Entries, e => e.Outcome == ActionOutcome.Success); // the dry run changed nothing

        dialogs.Find("[data-testid=confirm-heal]").Click();

        cut.WaitForAssertion(() =>
            Assert.Contains(Services.GetRequiredService<ISnackbar>().ShownSnackbars, s => s.Message is { } m && m.Contains("restart_service on zeta.service: started", StringComparison.Ordinal)), Patience);
        await Engine.WhenIdleAsync();
        var success = Assert.Single(History.Entries, e => e.Outcome == ActionOutcome.Success);
        Assert.Equal("zeta.service", success.Subject);
        Assert.Equal(SignedInAs, success.ApprovedBy);
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=heal-unit]")), Patience);
    }

    [Fact]
    public async Task Cancelling_the_plan_runs_nothing()
    {
        var dialogs = Render<MudDialogProvider>();
        await Engine.ObserveAsync(FailedService("zeta.service"), CancellationToken.None);
        var cut = Render<Services>();

        cut.Find("[data-testid=heal-unit]").Click();
        dialogs.WaitForElement("[data-testid=cancel-heal]", Patience).Click();

        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[data-testid=plan-item]")), Patience);
        await Engine.WhenIdleAsync();
        Assert.DoesNotContain(History.Entries, e => e.Outcome == ActionOutcome.Success);
        Assert.Empty(Services.GetRequiredService<ISnackbar>().ShownSnackbars);
        Assert.Single(cut.FindAll("[data-testid=heal-unit]"));
    }

    [Fact]
    public async Task An_open_breaker_shows_open_and_reset_closes_it()
    {
        for (var i = 0; i < Config.Current.CircuitBreaker.MaxFailures; i++)
            await Rig.Breaker.RecordAsync("nginx.service", false, CancellationToken.None);
        var cut = Render<Services>();

        var row = cut.Find("[data-testid=service-row][data-unit='nginx.service']");
        Assert.Equal("open", row.QuerySelector("[data-testid=breaker]")!.GetAttribute("data-breaker"));

        cut.Find("[data-testid=service-row][data-unit='nginx.service'] [data-testid=reset-breaker]").Click();

        cut.WaitForAssertion(() =>
        {
            var after = cut.Find("[data-testid=service-row][data-unit='nginx.service']");
            Assert.Equal("closed", after.QuerySelector("[data-testid=breaker]")!.GetAttribute("data-breaker"));
            Assert.Empty(cut.FindAll("[data-testid=reset-breaker]"));
        }, Patience);
        Assert.Equal(Core.Breaker.BreakerState.Closed, Rig.Breaker.Snapshot().Single(b => b.Subject == "nginx.service").State);
    }

    [Fact]
    public void Disconnected_systemd_shows_why_instead_of_the_table()
    {
        _systemd.Disconnect(SystemdConnectionState.Unavailable, "no system bus at /run/dbus/system_bus_socket");

        var cut = Render<Services>();

        Assert.Contains("no system bus", cut.Find("[data-testid=systemd-unavailable]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=service-row]"));
        Assert.Equal(0, _systemd.ListCalls);
    }

    [Fact]
    public void A_reconnect_brings_the_table_back()
    {
        _systemd.Disconnect(SystemdConnectionState.Disconnected, "the bus went away");
        var cut = Render<Services>();

        _systemd.Reconnect();

        cut.WaitForAssertion(() => Assert.Equal(4, cut.FindAll("[data-testid=service-row]").Count), Patience);
        Assert.Empty(cut.FindAll("[data-testid=systemd-unavailable]"));
    }

    [Fact]
    public void Every_ten_seconds_the_list_is_read_again()
    {
        var cut = Render<Services>();
        _systemd.Units.Add(Unit("late.service", "active"));

        _clock.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(4, cut.FindAll("[data-testid=service-row]").Count);
        _clock.Advance(TimeSpan.FromSeconds(1));

        cut.WaitForAssertion(() => Assert.Equal(5, cut.FindAll("[data-testid=service-row]").Count), Patience);
    }

    [Fact]
    public async Task Disposing_the_page_stops_events_reconnects_and_the_timer()
    {
        Render<Services>();
        var reads = _systemd.ListCalls;

        await DisposeComponentsAsync();
        Feed.Publish(new Core.Events.EngineEvent(Core.Vocabulary.EngineEventKind.ConfigReloaded, DateTimeOffset.UtcNow, "reloaded"));
        _systemd.Reconnect();
        _clock.Advance(TimeSpan.FromSeconds(30));
        await Task.Delay(300);

        Assert.Equal(reads, _systemd.ListCalls);
    }
}
