using Anna.Core.Vocabulary;
using System.Globalization;
using Anna.Core.Issues;
using Anna.Core.Policy;
using Anna.Dashboard.Pages;
using Anna.Dashboard.Tests.Fakes;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Anna.Dashboard.Tests;

/// <summary>
/// The overview's guided healing: pick issues, see the engine's dry run, confirm; what each issue
/// frees; and what happens to each issue if nobody steps in.
/// </summary>
public sealed class OverviewHealSelectedTests : DashboardTestContext
{
    // 2.3 GB as the dashboard counts (binary multiples, as ByteSize does).
    private const long CacheBytes = 2_469_606_195;

    private static readonly FakeCacheCleanAction CacheClean = new();
    private static readonly FakePackageUpdateAction Update = new();

    public OverviewHealSelectedTests() : base(moreActions: [CacheClean, Update])
    {
        Config.Current = new HealingOptions { Policy = HealingPolicy.Guided };
    }

    [Fact]
    public async Task Heal_selected_shows_the_dry_run_first_then_heals_through_the_engine()
    {
        var dialogs = Render<MudDialogProvider>();
        await Engine.ObserveAsync(FailedService("nginx.service"), CancellationToken.None);
        await Engine.ObserveAsync(FailedService("cron.service"), CancellationToken.None);
        var cut = Render<Overview>();
        Assert.True(cut.Find("[data-testid=heal-selected]").HasAttribute("disabled"));

        Check(cut, "nginx.service");

        cut.WaitForAssertion(() => Assert.Contains("Heal selected (1)", cut.Find("[data-testid=heal-selected]").TextContent), Patience);
        cut.Find("[data-testid=heal-selected]").Click();
        dialogs.WaitForAssertion(() =>
        {
            var item = Assert.Single(dialogs.FindAll("[data-testid=plan-item]"));
            Assert.Equal("nginx.service", item.GetAttribute("data-subject"));
            Assert.Equal("execute", item.GetAttribute("data-decision"));
            Assert.Contains("would restart nginx.service", item.TextContent);
        }, Patience);
        Assert.DoesNotContain(History.Entries, e => e.Outcome == ActionOutcome.Success); // the dry run changed nothing

        dialogs.Find("[data-testid=confirm-heal]").Click();

        await WaitIdleAsync(cut);
        var success = Assert.Single(History.Entries, e => e.Outcome == ActionOutcome.Success);
        Assert.Equal("nginx.service", success.Subject);
        Assert.Equal(SignedInAs, success.ApprovedBy);
        cut.WaitForAssertion(() =>
        {
            Assert.Equal(["cron.service"], cut.FindAll("[data-testid=issue-row]").Select(r => r.GetAttribute("data-subject")));
            Assert.Contains("Heal selected (0)", cut.Find("[data-testid=heal-selected]").TextContent);
        }, Patience);
        Assert.Contains(Services.GetRequiredService<ISnackbar>().ShownSnackbars,
            s => s.Message?.Contains("restart_service on nginx.service: started", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Cancelling_the_dry_run_heals_nothing()
    {
        var dialogs = Render<MudDialogProvider>();
        await Engine.ObserveAsync(FailedService("nginx.service"), CancellationToken.None);
        var cut = Render<Overview>();
        Check(cut, "nginx.service");
        cut.Find("[data-testid=heal-selected]").Click();

        dialogs.WaitForElement("[data-testid=cancel-heal]", Patience).Click();

        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[data-testid=plan-item]")), Patience);
        await Engine.WhenIdleAsync();
        Assert.DoesNotContain(History.Entries, e => e.Outcome == ActionOutcome.Success);
        Assert.Single(cut.FindAll("[data-testid=issue-row]"));
    }

    [Fact]
    public async Task Select_all_then_heal_queues_what_needs_approval_and_runs_the_rest()
    {
        var dialogs = Render<MudDialogProvider>();
        await Engine.ObserveAsync(FailedService("nginx.service"), CancellationToken.None);
        await Engine.ObserveAsync(Outdated("web01"), CancellationToken.None);
        var cut = Render<Overview>();

        cut.Find("[data-testid=select-all-issues]").Change(true);
        cut.WaitForAssertion(() => Assert.Contains("Heal selected (2)", cut.Find("[data-testid=heal-selected]").TextContent), Patience);
        cut.Find("[data-testid=heal-selected]").Click();
        dialogs.WaitForAssertion(() =>
            Assert.Equal(
                new Dictionary<string, string> { ["nginx.service"] = "execute", ["web01"] = "needsapproval" },
                dialogs.FindAll("[data-testid=plan-item]").ToDictionary(i => i.GetAttribute("data-subject")!, i => i.GetAttribute("data-decision")!)),
            Patience);
        dialogs.Find("[data-testid=confirm-heal]").Click();

        await WaitIdleAsync(cut);
        Assert.Contains(History.Entries, e => e.Subject == "nginx.service" && e.Outcome == ActionOutcome.Success);
        Assert.Equal(0, Update.Runs);
        Assert.Single(await Rig.Approvals.ListAsync(Core.Approvals.ApprovalStatus.Pending, CancellationToken.None), r => r.Subject == "web01");
    }

    [Fact]
    public async Task Reclaimable_space_is_shown_per_issue_in_total_and_for_the_selection()
    {
        await Engine.ObserveAsync(Cache(CacheBytes), CancellationToken.None);
        await Engine.ObserveAsync(FailedService("nginx.service"), CancellationToken.None);
        var cut = Render<Overview>();

        var cache = cut.Find("[data-testid=issue-row][data-subject='/var/cache/apt']");
        Assert.Equal(CacheBytes.ToString(CultureInfo.InvariantCulture), cache.QuerySelector("[data-testid=frees]")!.GetAttribute("data-bytes"));
        Assert.Contains("Free 2.3 GB", cache.TextContent);
        Assert.Equal("", cut.Find("[data-testid=issue-row][data-subject='nginx.service'] [data-testid=frees]").GetAttribute("data-bytes"));
        Assert.Contains("Healing every issue frees 2.3 GB", cut.Find("[data-testid=reclaimable-total]").TextContent);

        Check(cut, "/var/cache/apt");

        cut.WaitForAssertion(() => Assert.Contains("Heal selected (1) · free 2.3 GB", cut.Find("[data-testid=heal-selected]").TextContent), Patience);
    }

    [Fact]
    public async Task Each_issue_says_whether_it_heals_automatically_needs_approval_or_waits_for_the_window_and_when()
    {
        // Supervised: safe fixes run by themselves, medium-risk ones ask; the cache cleanup is not
        // urgent, and the only window is a few hours from now.
        var hour = (DateTime.Now.Hour + 3) % 24;
        Config.Current = new HealingOptions
        {
            Policy = HealingPolicy.Supervised,
            Schedule = new ScheduleOptions { PreferredHours = [hour], AvoidHours = [], PreferredDays = [], AvoidDays = [] },
        };
        await Engine.ObserveAsync(Cache(CacheBytes), CancellationToken.None);
        await Engine.ObserveAsync(Outdated("web01"), CancellationToken.None);
        Config.Current = Config.Current with { Policy = HealingPolicy.Manual };
        await Engine.ObserveAsync(FailedService("nginx.service"), CancellationToken.None);

        var cut = Render<Overview>();

        var expectedOpening = DateTime.Today.AddHours(hour);
        if (expectedOpening <= DateTime.Now)
            expectedOpening = expectedOpening.AddDays(1);
        Assert.Equal("window", Next(cut, "/var/cache/apt").GetAttribute("data-next"));
        Assert.Contains($"waits for the maintenance window: {expectedOpening:ddd yyyy-MM-dd HH}:00", Next(cut, "/var/cache/apt").TextContent);
        Assert.Equal("approval", Next(cut, "web01").GetAttribute("data-next"));
        Assert.Contains("needs approval", Next(cut, "web01").TextContent);
        Assert.Equal("suggest", Next(cut, "nginx.service").GetAttribute("data-next"));
        Assert.Contains("suggestion only", Next(cut, "nginx.service").TextContent);
    }

    private static AngleSharp.Dom.IElement Next(IRenderedComponent<Overview> cut, string subject) =>
        cut.Find($"[data-testid=issue-row][data-subject='{subject}'] [data-testid=decision]");

    private static void Check(IRenderedComponent<Overview> cut, string subject) =>
        cut.Find($"[data-testid=issue-row][data-subject='{subject}'] [data-testid=select-issue]").Change(true);

    private async Task WaitIdleAsync(IRenderedComponent<Overview> cut)
    {
        // The confirmed heal starts on the page's own task; wait until it produced its outcome.
        cut.WaitForAssertion(() => Assert.Contains(History.Entries, e => e.Outcome is ActionOutcome.Success or ActionOutcome.AwaitingApproval), Patience);
        await Engine.WhenIdleAsync();
    }

    private static Issue Cache(long bytes)
    {
        var now = DateTimeOffset.UtcNow;
        return new Issue(IssueKind.PackageCache, "/var/cache/apt", IssueSeverity.Warning, "the package cache holds 2.3 GB",
            new Dictionary<string, string>
            {
                ["reclaimable_bytes"] = bytes.ToString(CultureInfo.InvariantCulture),
                ["file_count"] = "412",
            }, now, now);
    }

    private static Issue Outdated(string host)
    {
        var now = DateTimeOffset.UtcNow;
        return new Issue(IssueKind.OutdatedPackages, host, IssueSeverity.Warning, "3 packages can be upgraded",
            new Dictionary<string, string> { ["count"] = "3" }, now, now);
    }
}
