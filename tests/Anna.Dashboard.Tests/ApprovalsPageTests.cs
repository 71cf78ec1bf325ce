using Anna.Core.Vocabulary;
using AngleSharp.Dom;
using Anna.Core.Approvals;
using Anna.Core.Engine;
using Anna.Core.Issues;
using Anna.Core.Policy;
using Anna.Dashboard.Layout;
using Anna.Dashboard.Pages;
using Anna.Dashboard.Tests.Fakes;
using Anna.Testing;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;

namespace Anna.Dashboard.Tests;

public sealed class ApprovalsPageTests : DashboardTestContext
{
    private readonly FakePackageUpdateAction _update = new();

    // The page's clock only: countdowns and the refresh tick. The queue keeps the system clock.
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    public ApprovalsPageTests()
    {
        // Supervised policy runs only safe actions by itself, so the medium-risk update waits for a person.
        Config.Current = new HealingOptions { Policy = HealingPolicy.Supervised };
        Host = new EngineRig(Config, [_update], TimeProvider.System);
        Services.AddSingleton(Host.Approvals);
        Services.AddSingleton(Host.Requests);
        Services.AddSingleton(Host.Feed);
        Services.AddSingleton<TimeProvider>(_clock);
    }

    /// <summary>An engine that knows the medium-risk update; the page reads its queue and feed.</summary>
    private EngineRig Host { get; }

    [Fact]
    public void An_empty_queue_says_so_and_offers_nothing_to_decide()
    {
        var cut = Render<Approvals>();

        Assert.Contains("Nothing waits for your approval.", cut.Find("[data-testid=no-approvals]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=approval-row]"));
        Assert.Empty(cut.FindAll("[data-testid=approve-selected]"));
        Assert.Empty(cut.FindAll("[data-testid=decided-row]"));
    }

    [Fact]
    public async Task A_queued_approval_shows_up_live_with_why_what_risk_and_a_countdown()
    {
        var cut = Render<Approvals>();

        await Host.Engine.ObserveAsync(Outdated("web01"), CancellationToken.None);

        cut.WaitForAssertion(() =>
        {
            var row = Row(cut, "web01").ParentElement!;
            Assert.Equal("medium", row.QuerySelector("[data-testid=risk]")!.TextContent.Trim());
            Assert.Contains("medium risk requires approval", row.QuerySelector("[data-testid=reason]")!.TextContent);
            Assert.Contains("would upgrade openssl", row.QuerySelector("[data-testid=dry-run]")!.TextContent);
            Assert.StartsWith("expires in ", row.QuerySelector("[data-testid=expiry]")!.TextContent.Trim());
        }, Patience);
        Assert.Empty(cut.FindAll("[data-testid=no-approvals]"));
        Assert.True(cut.Find("[data-testid=approve-selected]").HasAttribute("disabled"), "nothing is selected yet");

        // The countdown follows the page's clock by itself, on its 30-second tick.
        var request = Assert.Single(await Host.Approvals.ListAsync(ApprovalStatus.Pending, CancellationToken.None));
        _clock.SetUtcNow(request.ExpiresAt - new TimeSpan(23, 12, 20));
        cut.WaitForAssertion(() => Assert.Equal("expires in 23 h 12 min", Expiry(cut, "web01")), Patience);

        _clock.Advance(TimeSpan.FromHours(23));
        cut.WaitForAssertion(() => Assert.Equal("expires in 12 min", Expiry(cut, "web01")), Patience);
    }

    [Fact]
    public async Task Approving_the_selected_request_runs_the_action_as_dashboard()
    {
        var cut = Render<Approvals>();
        await Host.Engine.ObserveAsync(Outdated("web01"), CancellationToken.None);
        cut.WaitForAssertion(() => Row(cut, "web01"), Patience);

        Select(cut, "web01");
        await cut.Find("[data-testid=approve-selected]").ClickAsync(new());
        await Host.Engine.WhenIdleAsync();

        Assert.Equal(1, _update.Runs);
        var history = await Host.History.ListAsync(1, 20, CancellationToken.None);
        var run = Assert.Single(history.Items, e => e.Outcome == ActionOutcome.Success);
        Assert.Equal("web01", run.Subject);
        Assert.Equal(SignedInAs, run.ApprovedBy);
        cut.WaitForAssertion(() =>
        {
            Assert.Empty(cut.FindAll("[data-testid=approval-row]"));
            Assert.NotNull(cut.Find("[data-testid=no-approvals]"));
            var decided = cut.Find("[data-testid=decided-row][data-subject='web01']");
            Assert.Equal("approved", decided.GetAttribute("data-status"));
            Assert.Equal(SignedInAs, decided.QuerySelector("[data-testid=decided-by]")!.TextContent.Trim());
        }, Patience);
        var shown = Assert.Single(Services.GetRequiredService<ISnackbar>().ShownSnackbars);
        Assert.Contains("update_packages on web01: approved; executing", shown.Message);
    }

    [Fact]
    public async Task Rejecting_leaves_the_action_unrun_and_lists_it_as_recently_decided()
    {
        var cut = Render<Approvals>();
        await Host.Engine.ObserveAsync(Outdated("web01"), CancellationToken.None);
        await Host.Engine.ObserveAsync(Outdated("db01"), CancellationToken.None);
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=approval-row]").Count), Patience);

        Select(cut, "db01");
        await cut.Find("[data-testid=reject-selected]").ClickAsync(new());

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("web01", Assert.Single(cut.FindAll("[data-testid=approval-row]")).GetAttribute("data-subject"));
            var decided = cut.Find("[data-testid=decided-row][data-subject='db01']");
            Assert.Equal("rejected", decided.GetAttribute("data-status"));
            Assert.Equal(SignedInAs, decided.QuerySelector("[data-testid=decided-by]")!.TextContent.Trim());
        }, Patience);
        await Host.Engine.WhenIdleAsync();
        Assert.Equal(0, _update.Runs);
        var history = await Host.History.ListAsync(1, 20, CancellationToken.None);
        Assert.Contains(history.Items, e => e.Subject == "db01" && e.Outcome == ActionOutcome.Rejected);
        Assert.Contains("rejected; nothing was changed", Assert.Single(Services.GetRequiredService<ISnackbar>().ShownSnackbars).Message);
    }

    [Fact]
    public async Task A_request_decided_elsewhere_in_the_meantime_is_reported_not_decided_twice()
    {
        var cut = Render<Approvals>();
        await Host.Engine.ObserveAsync(Outdated("web01"), CancellationToken.None);
        cut.WaitForAssertion(() => Row(cut, "web01"), Patience);
        // Let the refreshes the queueing caused settle, so none can see the rejection below.
        await Task.Delay(300);
        Select(cut, "web01");
        var id = Guid.Parse(Row(cut, "web01").GetAttribute("data-id")!);

        // Someone else (the API) rejects it behind the page's back, without an event the page could see.
        await Host.Approvals.DecideAsync(id, approve: false, "api", CancellationToken.None);
        await cut.Find("[data-testid=approve-selected]").ClickAsync(new());

        Assert.Equal(0, _update.Runs);
        Assert.Contains("already rejected", Assert.Single(Services.GetRequiredService<ISnackbar>().ShownSnackbars).Message);
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=approval-row]")), Patience);
    }

    [Fact]
    public async Task Consent_for_this_session_approves_the_sessions_other_requests_of_the_same_kind()
    {
        var cut = Render<Approvals>();
        var session = await Host.Engine.BeginSessionAsync(Core.Sessions.SessionTrigger.Scan, CancellationToken.None);
        await Host.Engine.ObserveAsync(Outdated("web01"), session, CancellationToken.None);
        await Host.Engine.ObserveAsync(Outdated("db01"), session, CancellationToken.None);
        Host.Engine.EndSession(session);
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=approval-row]").Count), Patience);

        Select(cut, "web01");
        await cut.Find("[data-testid=per-session]").ChangeAsync(new() { Value = true });
        await cut.Find("[data-testid=approve-selected]").ClickAsync(new());
        await Host.Engine.WhenIdleAsync();

        Assert.Equal(2, _update.Runs);
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=decided-row][data-status=approved]").Count), Patience);
        Assert.Equal(2, Services.GetRequiredService<ISnackbar>().ShownSnackbars.Count());
    }

    [Fact]
    public async Task The_menu_counts_pending_approvals_live()
    {
        var menu = Render<NavMenu>();
        Assert.Empty(menu.FindAll("[data-testid=nav-pending-count]"));

        await Host.Engine.ObserveAsync(Outdated("web01"), CancellationToken.None);
        await Host.Engine.ObserveAsync(Outdated("db01"), CancellationToken.None);
        menu.WaitForAssertion(() => Assert.Equal("2", menu.Find("[data-testid=nav-pending-count]").TextContent.Trim()), Patience);

        var pending = await Host.Approvals.ListAsync(ApprovalStatus.Pending, CancellationToken.None);
        await Host.Requests.DecideAsync(pending.Select(p => p.Id).ToList(), approve: false, perSession: false, "api", CancellationToken.None);
        menu.WaitForAssertion(() => Assert.Empty(menu.FindAll("[data-testid=nav-pending-count]")), Patience);
    }

    private static IElement Row(IRenderedComponent<Approvals> cut, string subject) =>
        cut.Find($"[data-testid=approval-row][data-subject='{subject}']");

    private static string Expiry(IRenderedComponent<Approvals> cut, string subject) =>
        Row(cut, subject).ParentElement!.QuerySelector("[data-testid=expiry]")!.TextContent.Trim();

    // The selection checkbox is MudTable's own, in the row's first cell.
    private static void Select(IRenderedComponent<Approvals> cut, string subject)
    {
        var tr = Row(cut, subject).ParentElement!;
        tr.QuerySelector("input[type=checkbox]")!.Change(true);
    }

    private static Issue Outdated(string host)
    {
        var now = DateTimeOffset.UtcNow;
        return new Issue(IssueKind.OutdatedPackages, host, IssueSeverity.Warning, "1 package can be upgraded",
            new Dictionary<string, string> { ["openssl"] = "3.0.15" }, now, now);
    }
}
