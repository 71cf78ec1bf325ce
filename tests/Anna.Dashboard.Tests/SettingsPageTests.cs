using Anna.Testing;
using Anna.Core.Rollback;
using Anna.Core.Engine;
using AngleSharp.Dom;
using Anna.Core.Policy;
using Anna.Dashboard.Pages;
using Anna.Server.Configuration;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor.Services;

namespace Anna.Dashboard.Tests;

/// <summary>
/// The Settings page on the host's real policy editor and a real healing.toml in a private
/// directory: what the page shows is what the file says, and what it saves is what lands in it.
/// </summary>
public sealed class SettingsPageTests : BunitContext, IAsyncLifetime
{
    private const string Policy = """
        # Policy for this box — edited by hand, keep these notes.

        [healing]
        policy = "supervised"      # guided was too slow at night
        max_actions_per_session = 4
        auto_heal = ["service_restart"]

        [healing.schedule]
        preferred_hours = [22, 23, 0, 1]   # after the backup
        preferred_days = []
        avoid_days = [3]

        [healing.circuit_breaker]
        max_failures = 4

        """;

    // Generous: the first test of a run pays for JIT on a shared machine; a passing wait returns at once.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly string _directory;
    private readonly string _path;
    private readonly HealingConfigFile _file;
    private readonly PolicyEditor _editor;

    public SettingsPageTests()
    {
        // MudBlazor calls into JS for layout and focus; none of it matters for these assertions.
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(o => o.PopoverOptions.CheckForPopoverProvider = false);
        var authorization = AddAuthorization();
        authorization.SetAuthorized("dana");
        authorization.SetRoles("admin");

        _directory = Directory.CreateTempSubdirectory("anna-settings-page-").FullName;
        _path = Path.Combine(_directory, "healing.toml");
        WritePolicy(Policy);
        _file = new HealingConfigFile(_path, NullLogger<HealingConfigFile>.Instance, TimeProvider.System);
        // Saves are journaled as undoable actions, as in the host: a real executor over an in-memory journal.
        var storage = new RollbackStorage(Path.Combine(_directory, "data"));
        var executor = new ActionExecutor(new InMemoryActionJournal(new InMemoryHistoryStore()), new RollbackExecutor([new FileStepUndoer(storage)]),
            NoFaults.Instance, storage, _file, TimeProvider.System);
        _editor = new PolicyEditor(_file, new PolicyEditJournal(executor, _file, TimeProvider.System), NullLogger<PolicyEditor>.Instance);
        Services.AddSingleton<IHealingConfig>(_file);
        Services.AddSingleton<IPolicyEditor>(_editor);
        Services.AddSingleton(TimeProvider.System);
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        _editor.Dispose();
        _file.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void Shows_the_policy_in_force()
    {
        var cut = Render<Settings>();

        Assert.Contains(_path, cut.Find("[data-testid=policy-path]").TextContent);
        Assert.Equal("true", cut.Find("[data-testid=mode-option][data-mode=supervised]").GetAttribute("data-checked"));
        Assert.Equal("false", cut.Find("[data-testid=mode-option][data-mode=guided]").GetAttribute("data-checked"));
        Assert.Equal("4", Input(cut, PolicySettings.MaxActionsPerSession.Key).GetAttribute("value"));
        Assert.Equal("4", Input(cut, PolicySettings.MaxFailures.Key).GetAttribute("value"));
        Assert.Equal("10", Input(cut, PolicySettings.HistorySize.Key).GetAttribute("value")); // the default: not in the file

        Assert.Equal(["service_restart"], Checked(cut, "auto-heal"));
        Assert.Equal(["kernel_update", "filesystem_modify", "bootloader_change", "partition_operations"], Checked(cut, "never-auto-heal"));
        Assert.Equal(["medium", "high", "critical"],
            cut.FindAll("[data-testid=risk-level][data-checked=true]").Select(e => e.GetAttribute("data-risk")));

        Assert.Equal(["0", "1", "22", "23"], States(cut, "hour-toggle", "data-hour", "preferred"));
        Assert.Equal(["10", "11", "14", "15", "16", "9"], States(cut, "hour-toggle", "data-hour", "avoid")); // defaults
        Assert.Equal(["3"], States(cut, "day-toggle", "data-day", "avoid"));
        Assert.Empty(States(cut, "day-toggle", "data-day", "preferred"));

        // The cells are the engine's maintenance window: Tuesday's night is open; Wednesday is
        // avoided, so Tuesday's window ends at midnight and Wednesday's never starts.
        Assert.True(Open(cut, day: 2, hour: 22));
        Assert.False(Open(cut, day: 3, hour: 0));
        Assert.False(Open(cut, day: 3, hour: 23));
        Assert.False(Open(cut, day: 4, hour: 1));
        Assert.True(Open(cut, day: 4, hour: 22));
        Assert.True(Open(cut, day: 5, hour: 1));
        Assert.False(Open(cut, day: 1, hour: 12));

        Assert.Empty(cut.FindAll("[data-testid=settings-file-rejected]"));
        Assert.Empty(cut.FindAll("[data-testid=save-status]"));
        Assert.Empty(cut.FindAll("[data-testid=unsaved]"));
    }

    [Fact]
    public void Every_number_setting_of_the_table_has_a_field_showing_its_value_and_unit()
    {
        var cut = Render<Settings>();

        foreach (var setting in Anna.Dashboard.Editing.PolicyDraft.NumberSettings)
        {
            var field = cut.Find($"[data-testid=setting][data-key='{setting.Key}']");
            var value = Convert.ToDouble(setting.Get(_file.Current), System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(value.ToString(System.Globalization.CultureInfo.InvariantCulture), Input(cut, setting.Key).GetAttribute("value"));
            Assert.Contains(setting.Name, field.TextContent, StringComparison.Ordinal);
            if (setting.Unit is { } unit && !unit.StartsWith('('))
                Assert.Contains(unit, field.TextContent, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_bad_value_is_marked_at_its_field_and_nothing_is_written()
    {
        var before = File.ReadAllBytes(_path);
        var cut = Render<Settings>();

        Input(cut, PolicySettings.MaxFailures.Key).Change("0");
        cut.InvokeAsync(() => cut.Find("[data-testid=save-settings]").Click());

        cut.WaitForAssertion(() => Assert.Equal("invalid", cut.Find("[data-testid=save-status]").GetAttribute("data-outcome")), Patience);
        var field = cut.Find($"[data-testid=setting][data-key='{PolicySettings.MaxFailures.Key}']");
        Assert.Contains("0 is out of range; expected 1 to 100", field.TextContent);
        Assert.Equal([PolicySettings.MaxFailures.Key], FieldsInError(cut));
        Assert.Equal(before, File.ReadAllBytes(_path));
        Assert.Equal(4, _file.Current.CircuitBreaker.MaxFailures);

        // The mark goes when the value it is about changes.
        Input(cut, PolicySettings.MaxFailures.Key).Change("5");
        Assert.Empty(FieldsInError(cut));
    }

    [Fact]
    public void A_category_in_both_lists_is_refused_under_the_table_and_nothing_is_written()
    {
        var before = File.ReadAllBytes(_path);
        var cut = Render<Settings>();

        Tick(cut, "[data-testid=category-row][data-category=service_restart] [data-testid=never-auto-heal]");
        Assert.Equal("true", cut.Find("[data-testid=category-row][data-category=service_restart] [data-testid=never-auto-heal]").GetAttribute("data-checked"));
        cut.InvokeAsync(() => cut.Find("[data-testid=save-settings]").Click());

        cut.WaitForAssertion(() =>
        {
            var error = cut.Find("[data-testid=field-error]");
            Assert.Equal(PolicySettings.NeverAutoHeal.Key, error.GetAttribute("data-key"));
            Assert.Contains("service_restart is also in healing.auto_heal", error.TextContent);
        }, Patience);
        Assert.Equal(before, File.ReadAllBytes(_path));
    }

    [Fact]
    public void An_emptied_field_is_named_and_nothing_is_sent()
    {
        var before = File.ReadAllBytes(_path);
        var cut = Render<Settings>();

        Input(cut, PolicySettings.HistorySize.Key).Change("");
        cut.InvokeAsync(() => cut.Find("[data-testid=save-settings]").Click());

        var field = cut.Find($"[data-testid=setting][data-key='{PolicySettings.HistorySize.Key}']");
        Assert.Contains("enter a number", field.TextContent);
        Assert.Equal("invalid", cut.Find("[data-testid=save-status]").GetAttribute("data-outcome"));
        Assert.Equal(before, File.ReadAllBytes(_path));
    }

    [Fact]
    public void A_good_save_writes_only_what_changed_keeps_the_comments_and_is_in_force()
    {
        var cut = Render<Settings>();

        cut.Find("[data-testid=mode-option][data-mode=autonomous] input").Click();
        cut.Find("[data-testid=hour-toggle][data-hour='2']").Click();
        Input(cut, PolicySettings.HistorySize.Key).Change("20");
        Assert.Single(cut.FindAll("[data-testid=unsaved]"));
        cut.InvokeAsync(() => cut.Find("[data-testid=save-settings]").Click());

        cut.WaitForAssertion(() => Assert.Equal("written", cut.Find("[data-testid=save-status]").GetAttribute("data-outcome")), Patience);
        var expected = Policy
            .Replace("policy = \"supervised\"", "policy = \"autonomous\"", StringComparison.Ordinal)
            .Replace("preferred_hours = [22, 23, 0, 1]", "preferred_hours = [22, 23, 0, 1, 2]", StringComparison.Ordinal)
            + "\n[healing.rollback]\nhistory_size = 20\n";
        Assert.Equal(expected, File.ReadAllText(_path));
        Assert.Equal(HealingPolicy.Autonomous, _file.Current.Policy);
        Assert.Equal([22, 23, 0, 1, 2], _file.Current.Schedule.PreferredHours);
        Assert.Equal(20, _file.Current.Rollback.HistorySize);
        Assert.Empty(_file.Errors);

        Assert.Empty(cut.FindAll("[data-testid=unsaved]"));
        Assert.Equal("true", cut.Find("[data-testid=mode-option][data-mode=autonomous]").GetAttribute("data-checked"));
        Assert.Equal("preferred", cut.Find("[data-testid=hour-toggle][data-hour='2']").GetAttribute("data-state"));
        Assert.Empty(FieldsInError(cut));
    }

    [Fact]
    public void A_rejected_file_on_disk_is_announced_and_saving_replaces_it_with_the_last_good_policy()
    {
        WritePolicy("# half-finished edit\n[healing]\npolicy = \"yolo\"\nmax_actions_per_session = 4\n");
        _file.Reload();
        Assert.NotEmpty(_file.Errors);

        var cut = Render<Settings>();

        Assert.Contains("1 error", cut.Find("[data-testid=settings-file-rejected]").TextContent);
        Assert.Equal("true", cut.Find("[data-testid=mode-option][data-mode=supervised]").GetAttribute("data-checked"));

        cut.InvokeAsync(() => cut.Find("[data-testid=save-settings]").Click());

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("written", cut.Find("[data-testid=save-status]").GetAttribute("data-outcome"));
            Assert.Empty(cut.FindAll("[data-testid=settings-file-rejected]"));
        }, Patience);
        Assert.Empty(_file.Errors);
        Assert.StartsWith("# half-finished edit\n[healing]\npolicy = \"supervised\"\n", File.ReadAllText(_path), StringComparison.Ordinal);
    }

    [RootFact]
    public void A_file_others_could_write_is_refused_saying_where_and_why()
    {
        var cut = Render<Settings>();
        File.SetUnixFileMode(_path, File.GetUnixFileMode(_path) | UnixFileMode.OtherWrite);
        var before = File.ReadAllBytes(_path);

        Input(cut, PolicySettings.HistorySize.Key).Change("20");
        // The file watcher may re-render the page (the mode change) between finding and clicking.
        cut.InvokeAsync(() => cut.Find("[data-testid=save-settings]").Click());

        cut.WaitForAssertion(() => Assert.Equal("refused", cut.Find("[data-testid=save-status]").GetAttribute("data-outcome")), Patience);
        var error = cut.Find("[data-testid=other-error]");
        Assert.Contains($"{_path}:1:1", error.TextContent);
        Assert.Contains("chmod go-w", error.TextContent);
        Assert.Empty(FieldsInError(cut));
        Assert.Equal(before, File.ReadAllBytes(_path));
    }

    [Fact]
    public void An_edit_on_disk_shows_up_on_an_untouched_page_and_is_announced_on_an_edited_one()
    {
        var cut = Render<Settings>();

        WritePolicy(Policy.Replace("policy = \"supervised\"", "policy = \"manual\"", StringComparison.Ordinal));
        _file.Reload();

        cut.WaitForAssertion(() =>
            Assert.Equal("true", cut.Find("[data-testid=mode-option][data-mode=manual]").GetAttribute("data-checked")), Patience);
        Assert.Empty(cut.FindAll("[data-testid=settings-changed-on-disk]"));

        Input(cut, PolicySettings.MaxFailures.Key).Change("6");
        WritePolicy(Policy.Replace("policy = \"supervised\"", "policy = \"guided\"", StringComparison.Ordinal));
        _file.Reload();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=settings-changed-on-disk]")), Patience);
        Assert.Equal("6", Input(cut, PolicySettings.MaxFailures.Key).GetAttribute("value"));
    }

    [Fact]
    public async Task The_learned_window_fills_the_grid_and_saving_writes_it_with_the_comments_kept()
    {
        // Three weeks of an office: Mon–Fri 09–17 in the host's zone, three people, CPUs 60 % busy.
        var samples = new Fakes.InMemorySampleStore();
        var now = DateTimeOffset.UtcNow;
        var batch = new List<Anna.Core.Samples.Sample>();
        for (var at = Anna.Core.Samples.SampleRollup.BucketStart(now.AddDays(-21), TimeSpan.FromHours(1)); at < now.AddHours(-1); at = at.AddHours(1))
        {
            var local = TimeZoneInfo.ConvertTime(at, TimeZoneInfo.Local);
            var office = local.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && local.Hour is >= 9 and < 17;
            batch.Add(new(Anna.Core.Samples.SampleMetric.ActiveSessions, "logind", at.AddMinutes(30), office ? 3 : 0));
            batch.Add(new(Anna.Core.Samples.SampleMetric.CpuBusyPercent, "cpu", at.AddMinutes(30), office ? 60 : 3));
        }
        await samples.WriteAsync(batch, CancellationToken.None);
        Services.AddSingleton<Anna.Core.Samples.ISampleStore>(samples);

        var cut = Render<Settings>();
        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find("[data-testid=learned-window]").GetAttribute("data-ready")), Patience);
        Assert.Equal("Mon–Fri 09:00–17:00 busy: 3.0 sessions, 60 % CPU on average (in use 120 of 120 hours seen)",
            cut.FindAll("[data-testid=learned-evidence][data-kind=busy]").Single().TextContent);

        await cut.InvokeAsync(() => cut.Find("[data-testid=use-learned-window]").Click());

        Assert.Equal(["10", "11", "12", "13", "14", "15", "16", "9"], States(cut, "hour-toggle", "data-hour", "avoid"));
        Assert.Empty(States(cut, "day-toggle", "data-day", "avoid"));
        Assert.False(Open(cut, day: 2, hour: 10));
        Assert.True(Open(cut, day: 2, hour: 20));
        Assert.Single(cut.FindAll("[data-testid=unsaved]"));
        cut.Find("[data-testid=setting][data-key='healing.schedule.learn'] input").Change(true);
        await cut.InvokeAsync(() => cut.Find("[data-testid=save-settings]").Click());

        cut.WaitForAssertion(() => Assert.Equal("written", cut.Find("[data-testid=save-status]").GetAttribute("data-outcome")), Patience);
        var schedule = _file.Current.Schedule;
        Assert.Equal([9, 10, 11, 12, 13, 14, 15, 16], schedule.AvoidHours.Order());
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7, 8, 17, 18, 19, 20, 21, 22, 23], schedule.PreferredHours.Order());
        Assert.Empty(schedule.AvoidDays);
        Assert.True(schedule.Learn);
        var text = File.ReadAllText(_path);
        Assert.Contains("# after the backup", text, StringComparison.Ordinal);
        Assert.Contains("learn = true", text, StringComparison.Ordinal);
        Assert.Equal("true", cut.Find("[data-testid=learned-window]").GetAttribute("data-ready"));
        Assert.True(cut.Find("[data-testid=use-learned-window]").HasAttribute("disabled")); // the grid is the proposal now
    }

    private void WritePolicy(string text)
    {
        File.WriteAllText(_path, text);
        File.SetUnixFileMode(_path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
    }

    private static IElement Input(IRenderedComponent<Settings> cut, string key) =>
        cut.Find($"[data-testid=setting][data-key='{key}'] input");

    private static IEnumerable<string?> FieldsInError(IRenderedComponent<Settings> cut) =>
        cut.FindAll("[data-testid=setting]").Where(f => f.QuerySelector(".mud-input-error") is not null).Select(f => f.GetAttribute("data-key"));

    private static void Tick(IRenderedComponent<Settings> cut, string cell) => cut.Find($"{cell} input").Change(true);

    private static IEnumerable<string?> Checked(IRenderedComponent<Settings> cut, string column) =>
        cut.FindAll($"[data-testid=category-row] [data-testid={column}][data-checked=true]")
            .Select(cell => cell.ParentElement!.GetAttribute("data-category"));

    private static IEnumerable<string?> States(IRenderedComponent<Settings> cut, string toggle, string attribute, string state) =>
        cut.FindAll($"[data-testid={toggle}][data-state={state}]").Select(e => e.GetAttribute(attribute)).Order();

    private static bool Open(IRenderedComponent<Settings> cut, int day, int hour) =>
        cut.Find($"[data-testid=slot][data-day='{day}'][data-hour='{hour}']").GetAttribute("data-open") == "true";
}
