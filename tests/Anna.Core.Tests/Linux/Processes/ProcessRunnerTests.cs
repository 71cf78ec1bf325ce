using System.Globalization;
using Anna.Core.Linux.Processes;

namespace Anna.Core.Tests.Linux.Processes;

/// <summary>
/// The runner's timeout covers the whole run on real processes: a daemon that a program leaves
/// behind holding its output (as install scripts do) does not hold Anna, and a program that runs past
/// its time is killed with what it started. Every process a test starts is killed by the test.
/// </summary>
public sealed class ProcessRunnerTests
{
    private static readonly ProcessRunner Runner = new();

    [Fact]
    public async Task A_daemon_left_holding_the_output_does_not_hold_the_run()
    {
        // The grandchild escapes into its own session and keeps stdout open for 30 s.
        var result = await Runner.RunAsync("sh", ["-c", "setsid sleep 30 & echo $!; echo done"], TimeSpan.FromSeconds(20), CancellationToken.None);
        try
        {
            Assert.Equal(0, result.ExitCode);
            Assert.False(result.TimedOut);
            Assert.EndsWith("done\n", result.StandardOutput, StringComparison.Ordinal);
            Assert.True(result.Duration < TimeSpan.FromSeconds(10), $"returned after {result.Duration}");
        }
        finally
        {
            KillFirstLinePid(result.StandardOutput);
        }
    }

    [Fact]
    public async Task A_run_past_its_timeout_is_killed_and_says_so_within_the_timeout_and_a_moment()
    {
        var result = await Runner.RunAsync("sh", ["-c", "setsid sleep 30 & echo $!; sleep 30"], TimeSpan.FromSeconds(2), CancellationToken.None);
        try
        {
            Assert.True(result.TimedOut);
            Assert.True(result.Duration < TimeSpan.FromSeconds(10), $"returned after {result.Duration}");
            Assert.NotEqual(0, result.ExitCode);
        }
        finally
        {
            KillFirstLinePid(result.StandardOutput);
        }
    }

    [Fact]
    public async Task Output_of_an_ordinary_run_is_whole_and_stdin_reaches_the_program()
    {
        var result = await Runner.RunAsync("sh", ["-c", "cat; echo err >&2; exit 3"], TimeSpan.FromSeconds(20), CancellationToken.None, standardInput: "line one\nline two\n");

        Assert.Equal((3, "line one\nline two\n", "err\n", false), (result.ExitCode, result.StandardOutput, result.StandardError, result.TimedOut));
    }

    private static void KillFirstLinePid(string output)
    {
        if (long.TryParse(output.Split('\n')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            ProcessSignals.Kill(pid);
    }
}
