using Anna.Core.Vocabulary;
using Anna.Testing;
using System.Runtime.Versioning;
using Anna.Core.Policy;
using Anna.Server.Configuration;

namespace Anna.Server.Tests.Configuration;

[SupportedOSPlatform("linux")]
public sealed class HealingConfigWriterTests
{
    private static string DeployedFile() => File.ReadAllText(Path.Combine(RepositoryRoot.Path, "deploy", "healing.toml"));

    [Fact]
    public void A_changed_value_changes_only_its_own_line()
    {
        var before = DeployedFile();
        var options = new HealingOptions { Policy = HealingPolicy.Autonomous, Rollback = new RollbackOptions { HistorySize = 20 } };

        var edit = HealingConfigWriter.Update(before, options, "healing.toml");

        Assert.True(edit.PreservedLayout);
        var changed = ChangedLines(before, edit.Text);
        Assert.Equal(
            [
                ("policy = \"guided\"                 # manual | guided | supervised | autonomous",
                 "policy = \"autonomous\"                 # manual | guided | supervised | autonomous"),
                ("history_size = 10", "history_size = 20"),
            ],
            changed);
        OptionsAssert.Equal(options, Parse(edit.Text));
    }

    [Fact]
    public void Unchanged_options_leave_the_file_byte_for_byte()
    {
        var before = "# mine\n[healing]\npolicy = 'supervised'   # literal string, my spelling\n"
            + "auto_heal = [\"log_rotation\", \"service_restart\", \"cache_cleanup\", \"orphan_removal\"]\n\n"
            + "[healing.schedule]\npreferred_hours = [\n  22, # late\n  23,\n]\n";
        var options = Parse(before);

        Assert.Equal(before, HealingConfigWriter.Update(before, options, "healing.toml").Text);
    }

    [Fact]
    public void Missing_keys_go_at_the_end_of_their_table_and_missing_tables_are_added()
    {
        var before = "# my policy\n[healing]\npolicy = \"manual\" # for now\n\n# comment before schedule\n[healing.schedule]\navoid_days = [3]\n";
        var options = Parse(before) with
        {
            MaxActionsPerSession = 9,
            Schedule = new ScheduleOptions { AvoidDays = [3], PreferredHours = [1, 2] },
            CircuitBreaker = new CircuitBreakerOptions { MaxFailures = 7 },
        };

        var edit = HealingConfigWriter.Update(before, options, "healing.toml");

        Assert.True(edit.PreservedLayout);
        Assert.Equal(
            "# my policy\n[healing]\npolicy = \"manual\" # for now\nmax_actions_per_session = 9\n\n"
            + "# comment before schedule\n[healing.schedule]\navoid_days = [3]\npreferred_hours = [1, 2]\n\n"
            + "[healing.circuit_breaker]\nmax_failures = 7\n",
            edit.Text);
        OptionsAssert.Equal(options, Parse(edit.Text));
    }

    [Fact]
    public void A_missing_healing_table_goes_before_its_sub_tables()
    {
        var before = "[healing.rollback]\nhistory_size = 3";
        var options = Parse(before) with { Policy = HealingPolicy.Manual };

        var text = HealingConfigWriter.Update(before, options, "healing.toml").Text;

        Assert.Equal("[healing]\npolicy = \"manual\"\n\n[healing.rollback]\nhistory_size = 3", text);
        OptionsAssert.Equal(options, Parse(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    public void An_empty_file_gets_every_setting(string before)
    {
        var options = new HealingOptions { Policy = HealingPolicy.Supervised, SettleSeconds = 2.5 };

        var edit = HealingConfigWriter.Update(before, options, "healing.toml");

        Assert.StartsWith(before.TrimEnd(), edit.Text, StringComparison.Ordinal);
        foreach (var table in new[] { "[healing]", "[healing.schedule]", "[healing.rollback]", "[healing.circuit_breaker]" })
            Assert.Contains(table + "\n", edit.Text, StringComparison.Ordinal);
        Assert.Contains("settle_seconds = 2.5\n", edit.Text, StringComparison.Ordinal);
        Assert.Contains("avoid_days = []\n", edit.Text, StringComparison.Ordinal);
        OptionsAssert.Equal(options, Parse(edit.Text));
    }

    [Fact]
    public void Dotted_keys_and_inline_tables_are_edited_where_they_are()
    {
        var before = "[healing]\nschedule.avoid_days = [1]\nrollback = { history_size = 4, auto_rollback_on_failure = true }\n";
        var options = Parse(before) with
        {
            Schedule = new ScheduleOptions { AvoidDays = [2] },
            Rollback = new RollbackOptions { HistorySize = 8 },
        };

        var edit = HealingConfigWriter.Update(before, options, "healing.toml");

        Assert.Equal("[healing]\nschedule.avoid_days = [2]\nrollback = { history_size = 8, auto_rollback_on_failure = true }\n", edit.Text);
    }

    [Fact]
    public void A_key_that_cannot_be_added_in_place_rewrites_the_file_rather_than_writing_it_wrong()
    {
        var before = "[healing]\nrollback = { history_size = 4 }\n";
        var options = Parse(before) with { Rollback = new RollbackOptions { HistorySize = 4, RollbackTimeoutMinutes = 5 } };

        var edit = HealingConfigWriter.Update(before, options, "healing.toml");

        Assert.False(edit.PreservedLayout);
        OptionsAssert.Equal(options, Parse(edit.Text));
    }

    [Fact]
    public void A_file_the_parser_rejects_is_kept_where_it_can_be_and_replaced_where_it_cannot()
    {
        var badValue = "# keep me\n[healing]\npolicy = \"yolo\" # oops\n";
        var good = new HealingOptions { Policy = HealingPolicy.Guided, NeverAutoHeal = new HashSet<ActionCategory> { ActionCategory.KernelUpdate } };

        var fixedValue = HealingConfigWriter.Update(badValue, good, "healing.toml");
        Assert.True(fixedValue.PreservedLayout);
        Assert.StartsWith("# keep me\n[healing]\npolicy = \"guided\" # oops\n", fixedValue.Text, StringComparison.Ordinal);
        OptionsAssert.Equal(good, Parse(fixedValue.Text));

        var broken = HealingConfigWriter.Update("[healing\npolicy = ", good, "healing.toml");
        Assert.False(broken.PreservedLayout);
        OptionsAssert.Equal(good, Parse(broken.Text));
    }

    [Fact]
    public void Line_endings_and_non_ascii_comments_survive()
    {
        var before = "# größer — 🙂\r\n[healing]\r\npolicy = \"manual\" # ü\r\n";
        var options = Parse(before) with { Policy = HealingPolicy.Guided, ScanIntervalSeconds = 60 };

        var text = HealingConfigWriter.Update(before, options, "healing.toml").Text;

        Assert.Equal("# größer — 🙂\r\n[healing]\r\npolicy = \"guided\" # ü\r\nscan_interval = 60\r\n", text);
    }

    [Fact]
    public void Strings_are_escaped()
    {
        var settings = TomlSetting.FromOptions(new HealingOptions()).Select(s => s.Key == "healing.policy" ? s with { Value = "a\"b\\c\n" } : s).ToList();

        var check = PolicyValidator.Check(settings);

        var error = Assert.Single(check.Errors);
        Assert.Equal("healing.policy", error.Key);
        Assert.Contains("a\"b\\c\n", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Atomic_write_keeps_the_mode_and_leaves_no_temp_file()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("healing.toml", "old", UnixFileMode.UserRead | UnixFileMode.UserWrite);

        AtomicFile.Write(path, "new");

        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal([path], Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void Atomic_write_of_a_new_file_is_0644_and_a_symlink_stays_a_symlink()
    {
        using var dir = new TempDirectory();
        var fresh = dir.File("new.toml");
        AtomicFile.Write(fresh, "x");
        Assert.Equal(AtomicFile.DefaultMode, File.GetUnixFileMode(fresh));

        var target = dir.Write("target.toml", "old");
        var link = dir.File("healing.toml");
        File.CreateSymbolicLink(link, target);
        AtomicFile.Write(link, "new");

        Assert.Equal("new", File.ReadAllText(target));
        Assert.NotNull(new FileInfo(link).LinkTarget);
        Assert.Equal(3, Directory.GetFileSystemEntries(dir.Path).Length);
    }

    private static HealingOptions Parse(string text)
    {
        var result = HealingConfigParser.Parse(text, "healing.toml");
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        return result.Options!;
    }

    private static List<(string Before, string After)> ChangedLines(string before, string after)
    {
        var a = before.Split('\n');
        var b = after.Split('\n');
        Assert.Equal(a.Length, b.Length);
        return [.. a.Zip(b).Where(p => p.First != p.Second)];
    }
}
