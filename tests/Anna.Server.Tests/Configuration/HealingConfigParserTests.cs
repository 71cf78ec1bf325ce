using Anna.Core.Vocabulary;
using Anna.Testing;
using Anna.Core.Policy;
using Anna.Core.Risk;
using Anna.Server.Configuration;

namespace Anna.Server.Tests.Configuration;

public sealed class HealingConfigParserTests
{
    private const string FileName = "healing.toml";

    [Fact]
    public void Full_file_sets_every_value()
    {
        const string text = """
            [healing]
            policy = "autonomous"
            max_actions_per_session = 12
            require_approval = ["high", "critical"]
            auto_heal = ["service_restart", "package_update"]
            never_auto_heal = ["bootloader_change"]
            scan_interval = 60
            settle_seconds = 2.5

            [healing.schedule]
            preferred_hours = [1, 2]
            avoid_hours = [12]
            preferred_days = [3]
            avoid_days = [5]

            [healing.rollback]
            history_size = 50
            auto_rollback_on_failure = false
            rollback_timeout = 120

            [healing.circuit_breaker]
            max_failures = 7
            failure_window = 30
            """;

        var options = ParseOk(text);

        OptionsAssert.Equal(new HealingOptions
        {
            Policy = HealingPolicy.Autonomous,
            MaxActionsPerSession = 12,
            RequireApproval = new HashSet<ActionRisk> { ActionRisk.High, ActionRisk.Critical },
            AutoHeal = new HashSet<ActionCategory> { ActionCategory.ServiceRestart, ActionCategory.PackageUpdate },
            NeverAutoHeal = new HashSet<ActionCategory> { ActionCategory.BootloaderChange },
            ScanIntervalSeconds = 60,
            SettleSeconds = 2.5,
            Schedule = new ScheduleOptions { PreferredHours = [1, 2], AvoidHours = [12], PreferredDays = [3], AvoidDays = [5] },
            Rollback = new RollbackOptions { HistorySize = 50, AutoRollbackOnFailure = false, RollbackTimeoutMinutes = 120 },
            CircuitBreaker = new CircuitBreakerOptions { MaxFailures = 7, FailureWindowMinutes = 30 },
        }, options);
    }

    [Fact]
    public void Dotted_keys_and_inline_tables_mean_the_same_as_tables()
    {
        const string text = """
            healing.policy = "manual"
            healing.schedule.avoid_days = [1]
            healing.rollback = { history_size = 3 }
            """;

        var options = ParseOk(text);

        Assert.Equal(HealingPolicy.Manual, options.Policy);
        Assert.Equal([1], options.Schedule.AvoidDays);
        Assert.Equal(3, options.Rollback.HistorySize);
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    [InlineData("[healing]\n[healing.schedule]\n")]
    public void Empty_file_means_defaults(string text) => OptionsAssert.Equal(new HealingOptions(), ParseOk(text));

    [Fact]
    public void Integer_settle_seconds_is_accepted() =>
        Assert.Equal(0, ParseOk("[healing]\nsettle_seconds = 0\n").SettleSeconds);

    [Fact]
    public void Shipped_default_file_parses_to_the_defaults()
    {
        var path = Path.Combine(RepositoryRoot.Path, "deploy", "healing.toml");

        OptionsAssert.Equal(new HealingOptions(), ParseOk(File.ReadAllText(path)));
    }

    [Theory]
    [InlineData("[healing]\n\"\\uD800\" = 1\n", "D800")]
    [InlineData("[healing]\npolicy = \"\\uDFFF\"\n", "DFFF")]
    public void An_escape_naming_a_surrogate_is_refused_on_its_line_never_thrown(string toml, string codePoint)
    {
        var result = HealingConfigParser.Parse(toml, "healing.toml");

        var error = Assert.Single(result.Errors);
        Assert.Equal(2, error.Line);
        Assert.Contains(codePoint, error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_backslash_before_a_lone_surrogate_in_a_quoted_key_is_refused_not_thrown()
    {
        // Tomlyn reports this one itself; the exact input that made its lexer throw is replayed by the
        // seeded row of PolicyFuzzTests (seed bXU13gUHH791), which fails without the parser's guard.
        var result = HealingConfigParser.Parse("\"fMRh1vj8]^#&f\\\uD800\" = 1\n", "healing.toml");

        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.Message.Contains("surrogate", StringComparison.Ordinal));
    }

    [Fact]
    public void The_critical_restart_rate_is_read_from_its_table()
    {
        var result = HealingConfigParser.Parse("[probes.services]\nrestarts_critical_per_hour = 2\n", FileName);

        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Errors));
        Assert.Equal(2, result.Options!.Probes.Services.RestartsCriticalPerHour);
        Assert.Equal(6, new HealingOptions().Probes.Services.RestartsCriticalPerHour);
    }

    [Fact]
    public void Shipped_default_file_writes_out_every_setting_of_the_table()
    {
        // The sample is the documentation: a key of the table missing from it is a key nobody can find.
        var table = "";
        var written = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(Path.Combine(RepositoryRoot.Path, "deploy", "healing.toml")).Select(l => l.Trim()))
        {
            if (line.StartsWith('[') && line.EndsWith(']'))
                table = line[1..^1];
            else if (line.Length > 0 && !line.StartsWith('#') && line.Contains(" = ", StringComparison.Ordinal))
                written.Add($"{table}.{line[..line.IndexOf(" = ", StringComparison.Ordinal)]}");
        }

        Assert.All(PolicySettings.All, s => Assert.Contains(s.Key, written));
    }

    [Theory]
    [InlineData("[healing]\npolicy = \"yolo\"\n", 2, 10, "healing.policy", "\"yolo\" is not one of manual, guided, supervised, autonomous")]
    [InlineData("[healing]\npolicy = 3\n", 2, 10, "healing.policy", "expected a string, one of manual, guided, supervised, autonomous; got the integer 3")]
    [InlineData("[healing]\nmax_actions_per_session = 0\n", 2, 27, "healing.max_actions_per_session", "0 is out of range; expected 1 to 100")]
    [InlineData("[healing]\nmax_actions_per_session = 101\n", 2, 27, "healing.max_actions_per_session", "101 is out of range; expected 1 to 100")]
    [InlineData("[healing]\nmax_actions_per_session = \"5\"\n", 2, 27, "healing.max_actions_per_session", "expected a whole number, got the string \"5\"")]
    [InlineData("[healing]\nscan_interval = 4\n", 2, 17, "healing.scan_interval", "4 is out of range; expected 5 to 86400 seconds")]
    [InlineData("[healing]\nscan_interval = 1.5\n", 2, 17, "healing.scan_interval", "expected a whole number of seconds, got the number 1.5")]
    [InlineData("[healing]\nsettle_seconds = 300.5\n", 2, 18, "healing.settle_seconds", "300.5 is out of range; expected 0 to 300 seconds")]
    [InlineData("[healing]\nsettle_seconds = true\n", 2, 18, "healing.settle_seconds", "expected a number of seconds, got true")]
    [InlineData("[healing]\nrequire_approval = [\"urgent\"]\n", 2, 21, "healing.require_approval", "\"urgent\" is not one of safe, low, medium, high, critical")]
    [InlineData("[healing]\nrequire_approval = \"high\"\n", 2, 20, "healing.require_approval", "expected an array, got the string \"high\"")]
    [InlineData("[healing]\nauto_heal = [\"service_restart\", \"coffee\"]\n", 2, 33, "healing.auto_heal", "\"coffee\" is not one of service_restart, cache_cleanup, log_rotation, orphan_removal, package_update, kernel_update, filesystem_modify, bootloader_change, partition_operations")]
    [InlineData("[healing]\nauto_heal = [\"log_rotation\"]\nnever_auto_heal = [\"log_rotation\"]\n", 3, 20, "healing.never_auto_heal", "log_rotation is also in healing.auto_heal; a value may be in only one of the two")]
    [InlineData("[healing]\nauto_heal = [\"kernel_update\"]\n", 2, 14, "healing.auto_heal", "kernel_update is also in healing.never_auto_heal (by default); a value may be in only one of the two")]
    [InlineData("[healing.schedule]\npreferred_hours = [1, 24]\n", 2, 23, "healing.schedule.preferred_hours", "24 is out of range; expected 0 to 23 (hour of day)")]
    [InlineData("[healing.schedule]\navoid_hours = [-1]\n", 2, 16, "healing.schedule.avoid_hours", "-1 is out of range; expected 0 to 23 (hour of day)")]
    [InlineData("[healing.schedule]\npreferred_hours = [9]\n", 2, 20, "healing.schedule.preferred_hours", "9 is also in healing.schedule.avoid_hours (by default); a value may be in only one of the two")]
    [InlineData("[healing.schedule]\navoid_days = [7]\n", 2, 15, "healing.schedule.avoid_days", "7 is out of range; expected 0 to 6 (0 = Sunday)")]
    [InlineData("[healing.rollback]\nhistory_size = 1001\n", 2, 16, "healing.rollback.history_size", "1001 is out of range; expected 1 to 1000")]
    [InlineData("[healing.rollback]\nrollback_timeout = 10081\n", 2, 20, "healing.rollback.rollback_timeout", "10081 is out of range; expected 1 to 10080 minutes")]
    [InlineData("[healing.rollback]\nauto_rollback_on_failure = \"yes\"\n", 2, 28, "healing.rollback.auto_rollback_on_failure", "expected true or false, got the string \"yes\"")]
    [InlineData("[healing.history]\nretention_days = -1\n", 2, 18, "healing.history.retention_days", "-1 is out of range; expected 0 to 36500 days")]
    [InlineData("[healing.history]\nretention_days = 36501\n", 2, 18, "healing.history.retention_days", "36501 is out of range; expected 0 to 36500 days")]
    [InlineData("[healing.history]\nretention_days = \"1y\"\n", 2, 18, "healing.history.retention_days", "expected a whole number of days, got the string \"1y\"")]
    [InlineData("[healing.history]\nretension_days = 30\n", 2, 1, "healing.history.retension_days", "unknown key; did you mean retention_days? (in [healing.history]: retention_days)")]
    [InlineData("[healing.circuit_breaker]\nmax_failures = 0\n", 2, 16, "healing.circuit_breaker.max_failures", "0 is out of range; expected 1 to 100")]
    [InlineData("[healing.circuit_breaker]\nfailure_window = 20000\n", 2, 18, "healing.circuit_breaker.failure_window", "20000 is out of range; expected 1 to 10080 minutes")]
    [InlineData("[healing]\npolicyy = \"guided\"\n", 2, 1, "healing.policyy", "unknown key; did you mean policy? (in [healing]: policy, max_actions_per_session, require_approval, auto_heal, never_auto_heal, scan_interval, settle_seconds, schedule, rollback, history, circuit_breaker)")]
    [InlineData("policy = \"guided\"\n", 1, 1, "policy", "unknown key; expected at the top level: healing, probes, notifications")]
    [InlineData("[healing.schedul]\npreferred_hours = [1]\n", 1, 2, "healing.schedul", "unknown table; did you mean schedule? (in [healing]: policy, max_actions_per_session, require_approval, auto_heal, never_auto_heal, scan_interval, settle_seconds, schedule, rollback, history, circuit_breaker)")]
    [InlineData("[alerts]\nemail = \"root\"\n", 1, 2, "alerts", "unknown table; expected at the top level: healing, probes, notifications")]
    [InlineData("[healing]\nschedule = 5\n", 2, 12, "healing.schedule", "expected a table, got the integer 5")]
    [InlineData("[notifications.webhook]\nurls = [\"https://ops:pw@hooks.example.org/\"]\n", 2, 9, "notifications.webhook.urls", "\"https://ops:pw@hooks.example.org/\" carries a user name or password; sign deliveries with secret_file instead")]
    [InlineData("[notifications.webhook]\nevents = [\"action_succeded\"]\n", 2, 11, "notifications.webhook.events", "\"action_succeded\" is not one of issue_detected, issue_resolved, action_suggested, approval_requested, approval_decided, breaker_tripped, session_finished, action_started, action_succeeded, action_failed, config_reloaded, config_rejected, watch_state_changed, action_undone, action_recovered")]
    [InlineData("[notifications.webhook]\nsecret_file = \"keys/webhook\"\n", 2, 15, "notifications.webhook.secret_file", "\"keys/webhook\" is not absolute; write it starting with /")]
    [InlineData("[probes.services]\nrestarts_critical_per_hour = 0\n", 2, 30, "probes.services.restarts_critical_per_hour", "0 is out of range; expected 1 to 1000 restarts an hour")]
    [InlineData("[probes.services]\nrestarts_critical_per_hour = 2.5\n", 2, 30, "probes.services.restarts_critical_per_hour", "expected a whole number of restarts an hour, got the number 2.5")]
    [InlineData("[probes.services]\nrestart_critical_per_hour = 6\n", 2, 1, "probes.services.restart_critical_per_hour", "unknown key; did you mean restarts_critical_per_hour? (in [probes.services]: restarts_critical_per_hour)")]
    [InlineData("[notifications.webhook]\nmax_attempts = 0\n", 2, 16, "notifications.webhook.max_attempts", "0 is out of range; expected 1 to 20")]
    public void Bad_value_is_reported_at_the_value(string text, int line, int column, string key, string message)
    {
        var error = Assert.Single(ParseErrors(text));

        Assert.Equal((FileName, line, column, key, message), (error.File, error.Line, error.Column, error.Key, error.Message));
    }

    [Fact]
    public void Syntax_error_names_line_column_and_key()
    {
        var error = Assert.Single(ParseErrors("[healing]\npolicy = \n"));

        Assert.Equal((2, 10, "healing.policy"), (error.Line, error.Column, error.Key));
        Assert.Contains("expecting a value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Syntax_errors_are_not_followed_by_checks_of_values_the_parser_made_up()
    {
        var errors = ParseErrors("[healing]\npolicy = \"guided\nmax_actions_per_session = 0\n");

        Assert.Equal((2, 17, "healing.policy"), (errors[0].Line, errors[0].Column, errors[0].Key));
        Assert.Contains("newline in a string", errors[0].Message, StringComparison.Ordinal);
        Assert.DoesNotContain(errors, e => e.Message.Contains("is not one of", StringComparison.Ordinal)
            || e.Message.Contains("out of range", StringComparison.Ordinal));
    }

    [Fact]
    public void Duplicate_key_is_an_error_at_the_second_definition()
    {
        var error = Assert.Single(ParseErrors("[healing]\npolicy = \"manual\"\npolicy = \"guided\"\n"));

        Assert.Equal((3, 1, "healing.policy"), (error.Line, error.Column, error.Key));
        Assert.Contains("already defined", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_error_is_listed_in_file_order()
    {
        const string text = """
            [healing]
            policy = "yolo"
            max_actions_per_session = 0
            typo = 1

            [healing.schedule]
            avoid_hours = [25]
            """;

        var errors = ParseErrors(text);

        Assert.Equal(
            [(2, "healing.policy"), (3, "healing.max_actions_per_session"), (4, "healing.typo"), (7, "healing.schedule.avoid_hours")],
            errors.Select(e => (e.Line, e.Key)));
    }

    [Fact]
    public void Error_reads_as_file_position_key_and_reason()
    {
        var error = Assert.Single(ParseErrors("[healing]\npolicy = \"yolo\"\n"));

        Assert.Equal("healing.toml(2,10): healing.policy: \"yolo\" is not one of manual, guided, supervised, autonomous", error.ToString());
    }

    [Theory]
    [InlineData("[healing.history]\nretention_days = 0\n", 0)]
    [InlineData("[healing.history]\nretention_days = 90\n", 90)]
    [InlineData("[healing]\npolicy = \"guided\"\n", 400)]
    public void History_retention_is_read_in_days_zero_keeps_everything_and_a_missing_key_is_400(string text, int days) =>
        Assert.Equal(days, ParseOk(text).History.RetentionDays);

    private static HealingOptions ParseOk(string text)
    {
        var result = HealingConfigParser.Parse(text, FileName);
        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Errors));
        return result.Options!;
    }

    private static IReadOnlyList<ConfigError> ParseErrors(string text)
    {
        var result = HealingConfigParser.Parse(text, FileName);
        Assert.False(result.Succeeded);
        Assert.Null(result.Options);
        return result.Errors;
    }
}
