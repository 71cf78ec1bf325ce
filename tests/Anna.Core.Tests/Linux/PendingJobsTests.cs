using Anna.Core.Linux.Systemd;

namespace Anna.Core.Tests.Linux;

public sealed class PendingJobsTests
{
    private const string Job = "/org/freedesktop/systemd1/job/42";

    [Fact]
    public async Task A_JobRemoved_that_arrives_before_the_caller_waits_is_not_lost()
    {
        var jobs = new PendingJobs();
        using var call = jobs.BeginCall();

        jobs.Complete(Job, "done");

        Assert.Equal("done", await jobs.WaitAsync(Job).WaitAsync(TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task A_JobRemoved_after_the_caller_waits_completes_the_wait()
    {
        var jobs = new PendingJobs();
        using var call = jobs.BeginCall();
        var wait = jobs.WaitAsync(Job);
        Assert.False(wait.IsCompleted);

        jobs.Complete(Job, "failed");

        Assert.Equal("failed", await wait.WaitAsync(TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void Signals_for_jobs_of_other_clients_are_not_kept()
    {
        var jobs = new PendingJobs();
        jobs.Complete(Job, "done");
        Assert.False(jobs.WaitAsync(Job).IsCompleted);
    }

    [Fact]
    public async Task Losing_the_connection_fails_waiting_jobs()
    {
        var jobs = new PendingJobs();
        using var call = jobs.BeginCall();
        var wait = jobs.WaitAsync(Job);

        jobs.FailAll(new InvalidOperationException("gone"));

        await Assert.ThrowsAsync<InvalidOperationException>(() => wait);
        await Assert.ThrowsAsync<InvalidOperationException>(() => jobs.WaitAsync("/org/freedesktop/systemd1/job/43"));
    }
}
