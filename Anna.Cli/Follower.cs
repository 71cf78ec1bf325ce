using System.Globalization;
using System.Text.Json;
using Anna.Cli.Output;

namespace Anna.Cli;

/// <summary>
/// Follows one of Anna's numbered logs (GET /api/v1/events, /api/v1/notices) by long polling, from
/// what is newest when it starts: each new item once, in order, until stopped. When Anna is not
/// reachable it says so once and waits for it; when Anna restarted, the boot it sends tells Anna
/// to answer at once with everything of the new run.
/// </summary>
internal static class Follower
{
    private static readonly TimeSpan Retry = TimeSpan.FromSeconds(2);

    /// <param name="following">Told once the newest item is known: from then on nothing new is missed.</param>
    public static async Task FollowAsync(AnnaConnection anna, string path, string itemsField, Func<JsonElement, Task> onItem,
        CliOutput output, CancellationToken stop, Action? following = null)
    {
        var first = await UntilReachableAsync(() => anna.GetAsync(path), output, stop);
        if (stop.IsCancellationRequested)
            return;
        following?.Invoke();
        var boot = first.Str("boot");
        var after = first.GetProperty("latest").GetInt64();
        while (!stop.IsCancellationRequested)
        {
            var page = await UntilReachableAsync(
                () => anna.GetAsync($"{path}?after={after.ToString(CultureInfo.InvariantCulture)}&boot={boot}&wait=25"), output, stop);
            if (stop.IsCancellationRequested)
                break;
            if (page.Str("boot") != boot)
            {
                // Anna restarted and answered with everything of its new run: count from its start.
                boot = page.Str("boot");
                after = 0;
                output.Line("Anna restarted; following its new run");
            }
            foreach (var item in page.Items(itemsField))
            {
                after = item.GetProperty("id").GetInt64();
                await onItem(item.Clone());
            }
        }
    }

    /// <summary>Calls Anna until it answers (it may be restarting); other refusals are the caller's to handle.</summary>
    public static async Task<JsonElement> UntilReachableAsync(Func<Task<JsonElement>> call, CliOutput output, CancellationToken stop)
    {
        var said = false;
        while (true)
        {
            try
            {
                return await call();
            }
            catch (AnnaRefusedException ex) when (ex.ExitCode == ExitCodes.Unreachable && !stop.IsCancellationRequested)
            {
                if (!said)
                    output.Line($"waiting for Anna: {ex.Message}");
                said = true;
                await Task.Delay(Retry, stop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                if (stop.IsCancellationRequested)
                    return default;
            }
        }
    }

    /// <summary>A token cancelled by Ctrl+C (the process then ends its loop and exits 0).</summary>
    public static CancellationTokenSource UntilInterrupted()
    {
        var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        return stop;
    }
}
