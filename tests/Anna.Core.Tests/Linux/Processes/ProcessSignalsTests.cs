using System.Diagnostics;
using Anna.Core.Linux.Processes;

namespace Anna.Core.Tests.Linux.Processes;

public sealed class ProcessSignalsTests
{
    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    [InlineData(-42L)]
    [InlineData(1L)]
    public void Pids_that_mean_a_group_or_init_are_refused(long pid) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ProcessSignals.Kill(pid));

    [Fact]
    public void This_process_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ProcessSignals.Kill(Environment.ProcessId));

    [Fact]
    public void A_real_process_is_killed_and_a_second_kill_finds_it_gone()
    {
        using var sleeper = Process.Start(new ProcessStartInfo("/bin/sleep") { ArgumentList = { "300" } })!;

        Assert.True(ProcessSignals.Kill(sleeper.Id));
        Assert.True(sleeper.WaitForExit(5000));
        Assert.Equal(137, sleeper.ExitCode);
        Assert.False(ProcessSignals.Kill(sleeper.Id));
    }
}
