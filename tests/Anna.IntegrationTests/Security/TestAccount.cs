using Anna.Core.Linux.Processes;

namespace Anna.IntegrationTests.Security;

/// <summary>
/// A real local user in a real group of its own, made with useradd/groupadd for one test and
/// removed afterwards (a leftover of an interrupted run is removed first).
/// </summary>
internal sealed class TestAccount : IAsyncDisposable
{
    private static readonly ProcessRunner Runner = new();

    private TestAccount(string user, string group)
    {
        User = user;
        Group = group;
    }

    public string User { get; }

    public string Group { get; }

    public static async Task<TestAccount> CreateAsync(string user, string group)
    {
        await RemoveAsync(user, group);
        await RunAsync("groupadd", group);
        await RunAsync("useradd", "--no-create-home", "--shell", "/usr/sbin/nologin", "--groups", group, user);
        return new TestAccount(user, group);
    }

    public ValueTask DisposeAsync() => new(RemoveAsync(User, Group));

    private static async Task RemoveAsync(string user, string group)
    {
        await Runner.RunAsync("userdel", [user], TimeSpan.FromSeconds(30), CancellationToken.None);
        await Runner.RunAsync("groupdel", [group], TimeSpan.FromSeconds(30), CancellationToken.None);
    }

    private static async Task RunAsync(string program, params string[] arguments)
    {
        var result = await Runner.RunAsync(program, arguments, TimeSpan.FromSeconds(30), CancellationToken.None);
        Assert.True(result.Succeeded, $"{program} {string.Join(' ', arguments)}: {result.Excerpt()}");
    }
}
