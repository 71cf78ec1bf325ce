using Anna.Core.Vocabulary;
using AngleSharp.Dom;
using Anna.Core.History;
using Anna.Core.Issues;
using Anna.Core.Policy;
using Anna.Core.Rollback;
using Anna.Core.Sessions;
using Anna.Dashboard.Pages;
using Anna.Dashboard.Tests.Fakes;
using Bunit;
using Bunit.Rendering;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Anna.Dashboard.Tests;

/// <summary>
/// The history drawer's rollback half and the undo flows, over a real engine whose action rewrites
/// real files and whose undoer puts them back: undo here really changes the files on disk.
/// </summary>
public sealed class HistoryUndoTests : DashboardTestContext
{
    private const string Original = "line 1\nline 2\n";

    private readonly TempFiles _files;
    private IRenderedComponent<ContainerFragment> _providers = null!;

    public HistoryUndoTests() : base(moreActions: [new RewriteLogAction()], undoers: [new TempFileUndoer()])
    {
        _files = new TempFiles();
        Services.AddSingleton<ISessionStore>(Rig.Sessions);
        // Log rotation is not urgent: an always-open window lets Anna run it at once.
        Config.Current = new HealingOptions
        {
            Policy = HealingPolicy.Autonomous,
            Schedule = new ScheduleOptions { PreferredHours = [], AvoidHours = [], PreferredDays = [], AvoidDays = [] },
        };
    }

    [Fact]
    public async Task The_drawer_shows_the_reason_the_output_and_the_pre_and_post_state_of_each_step()
    {
        var path = _files.Write("app.log", Original);
        var before = TempFiles.Sha256(path);
        var heal = await HealAsync(path);
        var after = TempFiles.Sha256(path);
        var cut = RenderPage();

        await ClickAsync(cut, $"[data-testid=history-table-row][data-subject='{path}']");

        cut.WaitForAssertion(() =>
        {
            Assert.Equal(heal.Id.ToString(), cut.Find("[data-testid=history-detail]").GetAttribute("data-id"));
            Assert.Contains("autonomous: log_rotation is allowed", cut.Find("[data-testid=detail-reason]").TextContent);
            Assert.Equal($"rewrote {path}", cut.Find("[data-testid=detail-output]").TextContent);
            var step = cut.Find("[data-testid=rollback-step]");
            Assert.Equal("restore_file", step.GetAttribute("data-kind"));
            Assert.Contains($"sha256 {before}", step.QuerySelector("[data-testid=step-before]")!.TextContent);
            Assert.Contains($"sha256 {after}", step.QuerySelector("[data-testid=step-after]")!.TextContent);
            Assert.Equal("available", cut.Find("[data-testid=undo-status]").GetAttribute("data-status"));
            Assert.Single(cut.FindAll("[data-testid=undo-action]"));
        }, Patience);
    }

    [Fact]
    public async Task Undo_from_the_drawer_lists_what_it_will_do_then_restores_the_file_and_shows_the_undo_row_live()
    {
        var path = _files.Write("app.log", Original);
        var heal = await HealAsync(path);
        var cut = RenderPage();
        await ClickAsync(cut, $"[data-testid=history-table-row][data-subject='{path}']");
        cut.WaitForAssertion(() => cut.Find("[data-testid=undo-action]"), Patience);

        await ClickAsync(cut, "[data-testid=undo-action]");

        _providers.WaitForAssertion(() =>
        {
            var item = _providers.Find("[data-testid=undo-item]");
            Assert.Equal(heal.Id.ToString(), item.GetAttribute("data-id"));
            Assert.Equal($"restore {path} from its backup", item.QuerySelector("[data-testid=undo-step]")!.TextContent.Trim());
        }, Patience);
        Assert.Equal(RewriteLogAction.Rewritten, await File.ReadAllTextAsync(path)); // nothing happens before confirming

        await ClickAsync(_providers, "[data-testid=confirm-undo]");

        cut.WaitForAssertion(() =>
        {
            var undoRow = cut.Find($"[data-testid=history-table-row][data-subject='{path}'][data-outcome=success]");
            Assert.Contains("undo", undoRow.TextContent);
            Assert.Equal("already_undone", cut.Find("[data-testid=undo-status]").GetAttribute("data-status"));
            Assert.Empty(cut.FindAll("[data-testid=undo-action]"));
        }, Patience);
        Assert.Equal(Original, await File.ReadAllTextAsync(path));
        var undo = Assert.Single(History.Entries, e => e.Action == UndoService.UndoActionName);
        Assert.Equal(SignedInAs, undo.ApprovedBy);
        Assert.Contains($"undo of #{heal.Id}", undo.Reason);
    }

    [Fact]
    public async Task Cancelling_the_confirmation_changes_nothing()
    {
        var path = _files.Write("app.log", Original);
        await HealAsync(path);
        var cut = RenderPage();
        await ClickAsync(cut, $"[data-testid=history-table-row][data-subject='{path}']");
        cut.WaitForAssertion(() => cut.Find("[data-testid=undo-action]"), Patience);
        await ClickAsync(cut, "[data-testid=undo-action]");
        _providers.WaitForAssertion(() => _providers.Find("[data-testid=cancel-undo]"), Patience);

        await ClickAsync(_providers, "[data-testid=cancel-undo]");

        _providers.WaitForAssertion(() => Assert.Empty(_providers.FindAll("[data-testid=undo-confirm]")), Patience);
        Assert.Equal(RewriteLogAction.Rewritten, await File.ReadAllTextAsync(path));
        Assert.DoesNotContain(History.Entries, e => e.Action == UndoService.UndoActionName);
    }

    [Fact]
    public async Task A_file_changed_since_the_action_shows_the_file_and_both_hashes_and_undo_anyway_overwrites_it()
    {
        var path = _files.Write("app.log", Original);
        await HealAsync(path);
        var left = TempFiles.Sha256(path);
        await File.WriteAllTextAsync(path, "someone edited this\n");
        var edited = TempFiles.Sha256(path);
        var cut = RenderPage();

        await ClickAsync(cut, $"[data-testid=history-table-row][data-subject='{path}']");

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("drifted", cut.Find("[data-testid=undo-status]").GetAttribute("data-status"));
            var drift = cut.Find("[data-testid=drift]");
            Assert.Contains(path, drift.TextContent);
            Assert.Contains(left, drift.TextContent);
            Assert.Contains(edited, drift.TextContent);
            Assert.Empty(cut.FindAll("[data-testid=undo-action]"));
        }, Patience);

        await ClickAsync(cut, "[data-testid=undo-force]");
        _providers.WaitForAssertion(() =>
        {
            _providers.Find("[data-testid=undo-force-warning]");
            Assert.Contains(edited, _providers.Find("[data-testid=undo-item-drift]").TextContent);
        }, Patience);
        await ClickAsync(_providers, "[data-testid=confirm-undo]");

        cut.WaitForAssertion(() => Assert.Equal("already_undone", cut.Find("[data-testid=undo-status]").GetAttribute("data-status")), Patience);
        Assert.Equal(Original, await File.ReadAllTextAsync(path));
        Assert.Contains("forced past drift", Assert.Single(History.Entries, e => e.Action == UndoService.UndoActionName).Reason);
    }

    [Fact]
    public async Task A_running_action_shows_in_progress_and_still_running_then_its_outcome_live()
    {
        var gate = new TaskCompletionSource();
        Engine.Catalog.All.OfType<RewriteLogAction>().Single().Gate = gate.Task;
        var path = _files.Write("app.log", Original);
        var before = TempFiles.Sha256(path);
        var cut = RenderPage();

        await Engine.ObserveAsync(LogIssue(path), CancellationToken.None);

        var row = $"[data-testid=history-table-row][data-subject='{path}']";
        cut.WaitForAssertion(() =>
        {
            Assert.Equal("in_progress", cut.Find(row).GetAttribute("data-outcome"));
            Assert.Equal("in progress", cut.Find($"{row} [data-testid=outcome]").TextContent.Trim());
        }, Patience);
        await ClickAsync(cut, row);
        cut.WaitForAssertion(() =>
        {
            Assert.Equal("in_progress", cut.Find("[data-testid=undo-status]").GetAttribute("data-status"));
            Assert.Contains("still running", cut.Find("[data-testid=undo-status]").TextContent);
            // The step is in the journal before the change it guards is made.
            Assert.Contains($"sha256 {before}", cut.Find("[data-testid=step-before]").TextContent);
            Assert.Contains("post-state not recorded", cut.Find("[data-testid=step-after]").TextContent);
            Assert.Empty(cut.FindAll("[data-testid=undo-action]"));
        }, Patience);

        gate.SetResult();
        await Engine.WhenIdleAsync();

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("success", cut.Find(row).GetAttribute("data-outcome"));
            Assert.Equal("available", cut.Find("[data-testid=undo-status]").GetAttribute("data-status"));
            Assert.Contains($"sha256 {TempFiles.Sha256(path)}", cut.Find("[data-testid=step-after]").TextContent);
        }, Patience);
    }

    [Fact]
    public async Task An_action_past_its_rollback_timeout_says_undo_expired_and_offers_no_button()
    {
        Config.Current = Config.Current with { Rollback = new RollbackOptions { RollbackTimeoutMinutes = 0 } };
        var path = _files.Write("app.log", Original);
        await HealAsync(path);
        await Task.Delay(5); // the undo window closed the moment the action finished
        var cut = RenderPage();

        await ClickAsync(cut, $"[data-testid=history-table-row][data-subject='{path}']");

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("expired", cut.Find("[data-testid=undo-status]").GetAttribute("data-status"));
            Assert.Contains("rollback_timeout", cut.Find("[data-testid=undo-detail]").TextContent);
            Assert.Empty(cut.FindAll("[data-testid=undo-action]"));
            Assert.Empty(cut.FindAll("[data-testid=undo-force]"));
        }, Patience);
    }

    [Fact]
    public async Task Entries_that_changed_nothing_say_there_is_nothing_to_undo()
    {
        // A suggestion never touched the machine; a restart by the fake records no rollback step.
        Config.Current = Config.Current with { Policy = HealingPolicy.Guided };
        await Engine.ObserveAsync(FailedService("suggested.service"), CancellationToken.None);
        Config.Current = Config.Current with { Policy = HealingPolicy.Autonomous };
        await Engine.ObserveAsync(FailedService("restarted.service"), CancellationToken.None);
        await Engine.WhenIdleAsync();
        var cut = RenderPage();

        await ClickAsync(cut, "[data-testid=history-table-row][data-subject='suggested.service']");
        cut.WaitForAssertion(() =>
        {
            cut.Find("[data-testid=no-journal]");
            Assert.Equal("not_found", cut.Find("[data-testid=undo-status]").GetAttribute("data-status"));
            Assert.Contains("nothing to undo", cut.Find("[data-testid=undo-status]").TextContent);
        }, Patience);

        await ClickAsync(cut, "[data-testid=history-table-row][data-subject='restarted.service'][data-outcome=success]");
        cut.WaitForAssertion(() =>
        {
            cut.Find("[data-testid=no-steps]");
            Assert.Equal("not_undoable", cut.Find("[data-testid=undo-status]").GetAttribute("data-status"));
            Assert.Contains("changed nothing that needs undoing", cut.Find("[data-testid=undo-detail]").TextContent);
        }, Patience);
    }

    [Fact]
    public async Task Undo_last_n_lists_the_n_newest_undoable_actions_and_undoes_exactly_those()
    {
        var first = _files.Write("first.log", Original);
        var second = _files.Write("second.log", Original);
        var third = _files.Write("third.log", Original);
        await HealAsync(first);
        var secondHeal = await HealAsync(second);
        var thirdHeal = await HealAsync(third);
        var cut = RenderPage();

        cut.Find("input[data-testid=undo-last-count]").Change("2");
        cut.WaitForAssertion(() => Assert.Contains("Undo last 2", cut.Find("[data-testid=undo-last]").TextContent), Patience);
        await ClickAsync(cut, "[data-testid=undo-last]");

        _providers.WaitForAssertion(() =>
            Assert.Equal([thirdHeal.Id.ToString(), secondHeal.Id.ToString()],
                _providers.FindAll("[data-testid=undo-item]").Select(i => i.GetAttribute("data-id"))), Patience);
        await ClickAsync(_providers, "[data-testid=confirm-undo]");

        cut.WaitForAssertion(() =>
            Assert.Equal(2, cut.FindAll("[data-testid=history-table-row]").Count(r => r.TextContent.Contains("undo"))), Patience);
        Assert.Equal(Original, await File.ReadAllTextAsync(third));
        Assert.Equal(Original, await File.ReadAllTextAsync(second));
        Assert.Equal(RewriteLogAction.Rewritten, await File.ReadAllTextAsync(first));
    }

    [Fact]
    public async Task An_undo_made_elsewhere_shows_up_in_the_list_and_the_open_drawer_without_a_reload()
    {
        var path = _files.Write("app.log", Original);
        var heal = await HealAsync(path);
        var cut = RenderPage();
        await ClickAsync(cut, $"[data-testid=history-table-row][data-subject='{path}']");
        cut.WaitForAssertion(() => Assert.Equal("available", cut.Find("[data-testid=undo-status]").GetAttribute("data-status")), Patience);

        // As the API would: straight through the undo service, which publishes ActionUndone.
        var result = await Rig.Undo.UndoAsync(heal.Id, "alice", force: false, CancellationToken.None);

        Assert.Equal(UndoStatus.Undone, result.Status);
        cut.WaitForAssertion(() =>
        {
            Assert.Equal("already_undone", cut.Find("[data-testid=undo-status]").GetAttribute("data-status"));
            Assert.Contains("alice", cut.Find("[data-testid=undo-detail]").TextContent);
            Assert.Equal(2, cut.FindAll($"[data-testid=history-table-row][data-subject='{path}']").Count);
        }, Patience);
    }

    [Fact]
    public async Task A_link_with_undo_ids_opens_the_drawer_and_the_confirmation_for_those_actions()
    {
        var path = _files.Write("app.log", Original);
        var heal = await HealAsync(path);
        Services.GetRequiredService<NavigationManager>().NavigateTo($"history?id={heal.Id}&undo={heal.Id}");

        var cut = RenderPage();

        cut.WaitForAssertion(() => Assert.Equal(heal.Id.ToString(), cut.Find("[data-testid=history-detail]").GetAttribute("data-id")), Patience);
        _providers.WaitForAssertion(() => Assert.Equal(heal.Id.ToString(), _providers.Find("[data-testid=undo-item]").GetAttribute("data-id")), Patience);
        await ClickAsync(_providers, "[data-testid=confirm-undo]");
        cut.WaitForAssertion(() => Assert.Equal("already_undone", cut.Find("[data-testid=undo-status]").GetAttribute("data-status")), Patience);
        Assert.Equal(Original, await File.ReadAllTextAsync(path));
    }

    [Fact]
    public async Task A_link_to_an_already_undone_action_says_why_instead_of_asking()
    {
        var path = _files.Write("app.log", Original);
        var heal = await HealAsync(path);
        await Rig.Undo.UndoAsync(heal.Id, "alice", force: false, CancellationToken.None);
        Services.GetRequiredService<NavigationManager>().NavigateTo($"history?undo={heal.Id}");

        RenderPage();

        _providers.WaitForAssertion(() =>
            Assert.Contains($"#{heal.Id} was already undone", _providers.Find(".mud-snackbar").TextContent), Patience);
        Assert.Empty(_providers.FindAll("[data-testid=undo-confirm]"));
    }

    /// <summary>
    /// Finds and clicks in one go on the renderer's thread: the engine's session ends (and publishes)
    /// after the heal, so the page may re-render between a find and a click.
    /// </summary>
    private static Task ClickAsync<T>(IRenderedComponent<T> cut, string selector) where T : Microsoft.AspNetCore.Components.IComponent =>
        cut.InvokeAsync(() => cut.Find(selector).Click());

    private IRenderedComponent<History> RenderPage()
    {
        // The providers host the dialog and the snackbars, as MainLayout does in the app.
        _providers = Render(b =>
        {
            b.OpenComponent<MudPopoverProvider>(0);
            b.CloseComponent();
            b.OpenComponent<MudDialogProvider>(1);
            b.CloseComponent();
            b.OpenComponent<MudSnackbarProvider>(2);
            b.CloseComponent();
        });
        return Render<History>();
    }

    private static Issue LogIssue(string path)
    {
        var now = DateTimeOffset.UtcNow;
        return new Issue(IssueKind.LogSize, path, IssueSeverity.Warning, $"{path} is too big",
            new Dictionary<string, string> { ["reclaimable_bytes"] = "1000" }, now, now);
    }

    private async Task<HistoryEntry> HealAsync(string path)
    {
        await Engine.ObserveAsync(LogIssue(path), CancellationToken.None);
        await Engine.WhenIdleAsync();
        var entry = Assert.Single(History.Entries, e => e.Subject == path && e.Action == "rotate_logs");
        Assert.Equal(ActionOutcome.Success, entry.Outcome);
        return entry;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        _files.Dispose();
        if (Directory.Exists(Rig.Storage.DataDirectory))
            Directory.Delete(Rig.Storage.DataDirectory, recursive: true);
    }
}
