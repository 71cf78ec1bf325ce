using Anna.Server.Notifications;

namespace Anna.Server.Api;

/// <summary>
/// The query of a followed log (<c>?after=N&amp;boot=B&amp;wait=S</c>, events and notices alike), read and
/// checked one way: a bad value is an error naming it, and nothing is waited for.
/// </summary>
internal sealed record FollowQuery(long After, Guid? Boot, TimeSpan Wait)
{
    public const int MaxWaitSeconds = 60;

    public static FollowQuery Read(string? after, string? boot, string? wait, Dictionary<string, string[]> errors)
    {
        var from = Paging.Number(after, "after", 0, int.MaxValue, 0, errors);
        var seconds = Paging.Number(wait, "wait", 0, MaxWaitSeconds, 0, errors);
        Guid? run = null;
        if (boot is not null)
        {
            if (Guid.TryParse(boot, out var parsed))
                run = parsed;
            else
                errors["boot"] = ["boot is the boot id an earlier answer gave"];
        }
        return new FollowQuery(from, run, TimeSpan.FromSeconds(seconds));
    }

    public Task<(long Latest, IReadOnlyList<T> Items)> WaitAsync<T>(FollowLog<T> log, CancellationToken cancellationToken) where T : class =>
        log.WaitAsync(After, Boot, Wait, cancellationToken);
}
