using System.Text.Json;
using Anna.IntegrationTests.Crash;
using Anna.IntegrationTests.EndToEnd;
using Anna.IntegrationTests.Systemd;

namespace Anna.IntegrationTests.Cli;

/// <summary>
/// annactl against a real Anna on the sandboxed systemd, over the real socket: health names a
/// failed unit and the fix to run, repair heals it, history lists it, rollback undoes it, JSON is
/// the API's, and each exit code means what the help says.
/// </summary>
[Collection(SystemdCollection.Name)]
public sealed class AnnactlTests(SystemdSandboxFixture systemd)
{
    private const string Unit = "cli-web.service";
    private const string Sgr = "\u001b\\[[0-9;]*m";

    // Guided: Anna suggests and a person (annactl) decides, so the failed unit waits for us.
    private const string Policy = """
        [healing]
        policy = "guided"
        settle_seconds = 0.5
        """;

    [Fact]
    public async Task Health_repair_history_and_rollback_work_end_to_end_with_their_exit_codes()
    {
        await using var units = await UnitDriver.ConnectAsync(systemd.Sandbox);
        await units.ResetAllFailedAsync();
        using var state = new AnnaStateDirectory();
        state.WritePolicy(Policy);
        await using var anna = await AnnaServerProcess.StartConnectedAsync(state, AnnaLaunch.OnSandbox(systemd.Sandbox.BusAddress));
        var cli = new Annactl(state.SocketPath);
        try
        {
            var healthy = await cli.RunAsync("status");
            Assert.Equal(0, healthy.ExitCode);
            Assert.StartsWith("HEALTHY", healthy.StandardOutput);
            var asJson = await cli.RunAsync("status", "--json");
            Assert.Equal("HEALTHY", JsonDocument.Parse(asJson.StandardOutput).RootElement.GetProperty("state").GetString());
            Assert.DoesNotContain("\u001b[", healthy.StandardOutput, StringComparison.Ordinal); // piped: no colour

            // On a terminal (a real pseudo-terminal from script(1)) the state is coloured, unless NO_COLOR is set.
            var onTerminal = await cli.OnTerminalAsync(null, "status");
            // A colour is an SGR sequence (ESC [ … m); the runtime's own terminal set-up (ESC [?1h) is not one.
            Assert.Matches(Sgr, onTerminal);
            Assert.Contains("HEALTHY", onTerminal, StringComparison.Ordinal);
            var noColor = await cli.OnTerminalAsync("1", "status");
            Assert.DoesNotMatch(Sgr, noColor);
            Assert.Contains("HEALTHY", noColor, StringComparison.Ordinal);

            var pid = await units.StartUnitFileAsync(Unit, "[Unit]\nStartLimitIntervalSec=0\n[Service]\nExecStart=/bin/sleep infinity\n");
            UnitDriver.Kill(pid);
            await Eventually.HoldsAsync(() => anna.Client.StateAsync(), s => s == "DEGRADED", "Anna to see the killed unit");

            var health = await cli.RunAsync("health");
            Assert.Equal(1, health.ExitCode);
            Assert.Contains("System State: DEGRADED", health.StandardOutput);
            Assert.Contains("Suggested fixes:", health.StandardOutput);
            Assert.Contains("(Risk: ", health.StandardOutput);
            Assert.Contains("Run: annactl auto-heal --items 1", health.StandardOutput);

            // Not a terminal and no --yes: the dry run is shown and nothing changes.
            var unconfirmed = await cli.RunAsync("auto-heal", "--items", "1");
            Assert.Equal(1, unconfirmed.ExitCode);
            Assert.Contains("Dry run", unconfirmed.StandardOutput);
            Assert.False((await units.StatusAsync(Unit)).IsActive);

            var repair = await cli.RunAsync("repair", "--service", Unit);
            Assert.True(repair.ExitCode == 0, repair.StandardOutput + repair.StandardError);
            // Progress from the live events while the heal ran: its start, then its success.
            var started = repair.StandardOutput.IndexOf("action_started", StringComparison.Ordinal);
            Assert.True(started >= 0 && repair.StandardOutput.IndexOf("action_succeeded", started, StringComparison.Ordinal) > started, repair.StandardOutput);
            await Eventually.HoldsAsync(() => anna.Client.HistoryForAsync(Unit),
                r => r.Any(x => x.GetProperty("outcome").GetString() == "success"), "annactl repair to restart the unit and Anna to verify it");

            var history = await cli.RunAsync("-o", "json", "history", "--last", "5");
            Assert.Equal(0, history.ExitCode);
            var rows = JsonDocument.Parse(history.StandardOutput).RootElement.GetProperty("items").EnumerateArray().ToList();
            var restart = Assert.Single(rows, r => r.GetProperty("subject").GetString() == Unit && r.GetProperty("outcome").GetString() == "success");
            Assert.Equal("root", restart.GetProperty("approvedBy").GetString());

            var stats = await cli.RunAsync("healing", "stats");
            Assert.True(stats.ExitCode == 0, stats.StandardError);
            Assert.Contains("Heals:          1 (1 succeeded", stats.StandardOutput, StringComparison.Ordinal);
            Assert.Contains("Success rate:   100 %", stats.StandardOutput, StringComparison.Ordinal);

            var rollback = await cli.RunAsync("rollback", "--last", "1");
            Assert.True(rollback.ExitCode == 0, rollback.StandardOutput + rollback.StandardError);
            Assert.Contains("undone", rollback.StandardOutput);
            Assert.Equal("inactive", (await units.StatusAsync(Unit)).ActiveState);
        }
        finally
        {
            await units.StopAsync(Unit);
        }
    }

    [Fact]
    public async Task Usage_errors_an_absent_daemon_and_a_role_too_small_have_their_own_exit_codes()
    {
        using var state = new AnnaStateDirectory();
        var absent = new Annactl(state.SocketPath);
        var unreachable = await absent.RunAsync("status");
        Assert.Equal(3, unreachable.ExitCode);
        Assert.Contains("not reachable", unreachable.StandardError);

        Assert.Equal(2, (await absent.RunAsync("bogus")).ExitCode);
        var zero = await absent.RunAsync("history", "--last", "zero");
        Assert.Equal(2, zero.ExitCode);
        Assert.Contains("--last takes a whole number from 1 to 500, not 'zero'", zero.StandardError, StringComparison.Ordinal);
        Assert.Contains("See 'annactl history --help'.", zero.StandardError, StringComparison.Ordinal);
        Assert.Equal(2, (await absent.RunAsync("healing", "undo", "--last", "1", "--action-id", "3")).ExitCode);
        Assert.Equal(2, (await absent.RunAsync("status", "--frobnicate")).ExitCode);

        state.WritePolicy(Policy);
        File.SetUnixFileMode(state.Root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        await using var anna = await AnnaServerProcess.StartConnectedAsync(state, AnnaLaunch.OnSandbox(systemd.Sandbox.BusAddress));
        var refused = await absent.RunAsAsync("nobody", "healing", "disable");
        Assert.Equal(4, refused.ExitCode);
        Assert.Contains("viewer", refused.StandardError);
        var looked = await absent.RunAsAsync("nobody", "status");
        Assert.True(looked.ExitCode is 0 or 1, looked.StandardError);
    }

    [Fact]
    public async Task Approvals_breakers_and_the_audit_trail_are_shown_and_a_bad_id_or_subject_is_named()
    {
        using var state = new AnnaStateDirectory();
        state.WritePolicy(Policy);
        await using var anna = await AnnaServerProcess.StartConnectedAsync(state, AnnaLaunch.OnSandbox(systemd.Sandbox.BusAddress));
        var cli = new Annactl(state.SocketPath);

        var approvals = await cli.RunAsync("approvals");
        Assert.Equal(0, approvals.ExitCode);
        Assert.Contains("Nothing waits for approval.", approvals.StandardOutput);
        var unknown = await cli.RunAsync("approve", "abcd1234");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("no pending request has an ID starting 'abcd1234'", unknown.StandardError);
        Assert.Equal(2, (await cli.RunAsync("reject", "--session", "abcd1234")).ExitCode);

        var breakers = await cli.RunAsync("-o", "json", "breaker");
        Assert.Equal(0, breakers.ExitCode);
        Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(breakers.StandardOutput).RootElement.ValueKind);
        var noSuch = await cli.RunAsync("breaker", "--reset", "never-failed.service");
        Assert.Equal(2, noSuch.ExitCode);
        Assert.Contains("no circuit breaker for 'never-failed.service'", noSuch.StandardError);
        var global = await cli.RunAsync("breaker", "--reset");
        Assert.True(global.ExitCode == 0, global.StandardError);
        Assert.Contains("Circuit breaker * reset.", global.StandardOutput);

        // root is an admin: the trail names the reset just refused and the one done, through the socket.
        var audit = await cli.RunAsync("-o", "json", "audit", "--last", "50");
        Assert.Equal(0, audit.ExitCode);
        var resets = JsonDocument.Parse(audit.StandardOutput).RootElement.GetProperty("items").EnumerateArray()
            .Where(e => e.GetProperty("action").GetString()!.Contains("/breaker/reset", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, resets.Count);
        Assert.All(resets, e => Assert.Equal("socket", e.GetProperty("door").GetString()));
        Assert.Contains(resets, e => e.GetProperty("status").GetInt32() == 400);
    }

    [Fact]
    public async Task Healing_config_hours_and_days_rewrite_only_those_keys_and_a_bad_value_changes_nothing()
    {
        using var state = new AnnaStateDirectory();
        state.WritePolicy(Policy);
        await using var anna = await AnnaServerProcess.StartConnectedAsync(state, AnnaLaunch.OnSandbox(systemd.Sandbox.BusAddress));
        var cli = new Annactl(state.SocketPath);
        var before = await File.ReadAllTextAsync(state.PolicyPath);

        var edit = await cli.RunAsync("healing", "config", "--hours", "22-4", "--days", "weekdays");

        Assert.True(edit.ExitCode == 0, edit.StandardError);
        var after = await File.ReadAllTextAsync(state.PolicyPath);
        Assert.StartsWith(before, after, StringComparison.Ordinal); // what was there is kept as written
        var added = after[before.Length..].Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(["[healing.schedule]", "preferred_hours = [22, 23, 0, 1, 2, 3, 4]", "preferred_days = [1, 2, 3, 4, 5]"], added);
        // Back to the weekend: the same key, rewritten in place.
        Assert.Equal(0, (await cli.RunAsync("healing", "config", "--days", "weekend")).ExitCode);
        Assert.Contains("preferred_days = [0, 6]", await File.ReadAllTextAsync(state.PolicyPath), StringComparison.Ordinal);
        // --show lays the policy in force out as the roadmap does: what Anna reads back, not what was sent.
        var show = await cli.RunAsync("healing", "config", "--show");
        Assert.Equal(0, show.ExitCode);
        Assert.Contains("  Policy:                  guided", show.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("  Maintenance window:      hours 22, 23, 0, 1, 2, 3, 4, days 0, 6 (0 = Sunday)", show.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("    ✗ kernel_update", show.StandardOutput, StringComparison.Ordinal);
        after = await File.ReadAllTextAsync(state.PolicyPath);

        var bad = await cli.RunAsync("healing", "config", "--hours", "25-3");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("schedule.preferredHours[0]", bad.StandardError, StringComparison.Ordinal);
        Assert.Equal(2, (await cli.RunAsync("healing", "config", "--days", "someday")).ExitCode);
        Assert.Equal(after, await File.ReadAllTextAsync(state.PolicyPath));
    }

    [Fact]
    public async Task The_bash_completion_offers_every_command_of_the_help_and_what_follows_it()
    {
        var cli = new Annactl("/nonexistent/anna.sock");
        var script = await cli.RunAsync("completion", "bash");
        Assert.Equal(0, script.ExitCode);
        var directory = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"annactl-completion-{Guid.NewGuid():N}"));
        var path = Path.Combine(directory.FullName, "annactl.bash");
        await File.WriteAllTextAsync(path, script.StandardOutput);
        // The script asks the annactl the person typed; here that is this build, found on PATH.
        var wrapper = Path.Combine(directory.FullName, "annactl");
        await File.WriteAllTextAsync(wrapper, $"#!/bin/sh\nexec dotnet '{Annactl.Dll}' \"$@\"\n");
        File.SetUnixFileMode(wrapper, (UnixFileMode)0b111_101_101);
        try
        {
            // A real bash loads the script and completes as it would at a prompt.
            var run = await new Anna.Core.Linux.Processes.ProcessRunner().RunAsync("bash", ["-c", $$"""
                export PATH='{{directory.FullName}}':"$PATH"
                source '{{path}}'
                complete() { COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}; _annactl; echo "${COMPREPLY[*]}"; }
                complete annactl ''
                complete annactl hea
                complete annactl -o json healing u
                complete annactl breaker --r
                complete annactl completion z
                """], TimeSpan.FromSeconds(60), CancellationToken.None);
            var lines = run.StandardOutput.Split('\n');
            Assert.True(run.ExitCode == 0, run.StandardError);
            var help = (await cli.RunAsync("--help")).StandardOutput;
            var commands = lines[0].Split(' ');
            // The help lists a command per line, two spaces in; what a line continues is indented further.
            var listed = help.Split('\n').Where(l => l.Length > 2 && l.StartsWith("  ", StringComparison.Ordinal) && char.IsLower(l[2]))
                .Select(l => l[2..].Split(' ')[0]).Distinct().ToList();
            Assert.True(listed.Count >= 15, string.Join(",", listed));
            Assert.All(listed, command => Assert.Contains(command, commands));
            Assert.Equal("healing health", lines[1]);
            Assert.Equal("undo", lines[2]);
            Assert.Equal("--reset", lines[3]);
            Assert.Equal("zsh", lines[4]);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
        Assert.Equal(2, (await cli.RunAsync("completion", "tcsh")).ExitCode);
    }
}
