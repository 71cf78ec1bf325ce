using Anna.Core.Rollback;
using Anna.Server.Hosting;
using Anna.Server.Tests.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using static Anna.Server.Tests.Persistence.HistoryEntries;
using static Anna.Server.Tests.Persistence.JournalSamples;

namespace Anna.Server.Tests.Hosting;

/// <summary>The journal is warmed a second after Anna serves, off the start-up path and the first requests, on the real store.</summary>
public sealed class JournalWarmUpWorkerTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Warm_up_waits_for_the_host_to_start_and_leaves_the_store_as_it_was()
    {
        await using var temp = await TempStore.CreateAsync();
        var journal = temp.Services.GetRequiredService<IActionJournal>();
        var lifetime = new ApplicationLifetime(NullLogger<ApplicationLifetime>.Instance);
        using var worker = new JournalWarmUpWorker(journal, lifetime, NullLogger<JournalWarmUpWorker>.Instance);

        await worker.StartAsync(CancellationToken.None);
        await Task.Delay(TimeSpan.FromMilliseconds(200));
        Assert.False(worker.ExecuteTask!.IsCompleted, "the warm-up must not run before the host has started");

        lifetime.NotifyStarted();
        await Task.Delay(TimeSpan.FromMilliseconds(200));
        Assert.False(worker.ExecuteTask.IsCompleted, "the warm-up must leave the first second of serving to the first requests");
        await worker.ExecuteTask.WaitAsync(Timeout);

        Assert.True(worker.ExecuteTask.IsCompletedSuccessfully);
        Assert.Empty((await temp.Store.ListAsync(1, 10, CancellationToken.None)).Items);
        // The rolled-back warm-up row did not use up an id.
        Assert.Equal(1, await journal.BeginAsync(Intent("web.service", T0), FailedUnit("web.service"), CancellationToken.None));
        await worker.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_stop_before_the_host_started_ends_it_without_warming_up()
    {
        await using var temp = await TempStore.CreateAsync();
        var lifetime = new ApplicationLifetime(NullLogger<ApplicationLifetime>.Instance);
        using var worker = new JournalWarmUpWorker(temp.Services.GetRequiredService<IActionJournal>(), lifetime, NullLogger<JournalWarmUpWorker>.Instance);

        await worker.StartAsync(CancellationToken.None);
        await worker.StopAsync(CancellationToken.None).WaitAsync(Timeout);

        Assert.True(worker.ExecuteTask!.IsCompleted);
        Assert.Empty((await temp.Store.ListAsync(1, 10, CancellationToken.None)).Items);
    }
}
