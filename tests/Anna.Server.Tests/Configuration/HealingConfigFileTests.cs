using System.Runtime.Versioning;
using Anna.Core.Policy;
using Anna.Server.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace Anna.Server.Tests.Configuration;

[SupportedOSPlatform("linux")]
public sealed class HealingConfigFileTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public void Missing_file_means_defaults_without_errors()
    {
        using var dir = new TempDirectory();
        var path = dir.File("healing.toml");

        using var config = Open(path);

        OptionsAssert.Equal(new HealingOptions(), config.Current);
        Assert.Equal(path, config.Path);
        Assert.Empty(config.Errors);
    }

    [Fact]
    public void Start_up_load_lists_every_error()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("healing.toml", "[healing]\npolicy = \"yolo\"\nscan_interval = 1\n");

        var result = HealingConfigFile.LoadInitial(path);

        Assert.False(result.Succeeded);
        Assert.Equal([(path, 2), (path, 3)], result.Errors.Select(e => (e.File, e.Line)));
    }

    [Fact]
    public async Task Edits_are_picked_up_and_bad_edits_keep_the_last_good_policy()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("healing.toml", Policy("manual"));
        using var config = Open(path);
        Assert.Equal(HealingPolicy.Manual, config.Current.Policy);

        File.WriteAllText(path, Policy("autonomous"));
        await WaitUntil(config, () => config.Current.Policy == HealingPolicy.Autonomous);
        Assert.Empty(config.Errors);

        var changed = 0;
        config.Changed += () => Interlocked.Increment(ref changed);
        File.WriteAllText(path, Policy("yolo"));
        await WaitUntil(config, () => config.Errors.Count > 0);
        Assert.Equal(HealingPolicy.Autonomous, config.Current.Policy);
        Assert.Equal("healing.policy", Assert.Single(config.Errors).Key);
        Assert.True(Volatile.Read(ref changed) > 0);

        // Saved the way many editors do: write a new file, rename it over the old one.
        var temp = dir.Write("healing.toml.swp", Policy("supervised"));
        File.Move(temp, path, overwrite: true);
        await WaitUntil(config, () => config.Errors.Count == 0 && config.Current.Policy == HealingPolicy.Supervised);
    }

    [Fact]
    public async Task Removed_file_keeps_the_last_good_policy_and_says_so()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("healing.toml", Policy("manual"));
        using var config = Open(path);

        File.Delete(path);
        await WaitUntil(config, () => config.Errors.Count > 0);

        Assert.Equal(HealingPolicy.Manual, config.Current.Policy);
        Assert.Equal("file was removed; keeping the last good config", Assert.Single(config.Errors).Message);

        dir.Write("healing.toml", Policy("guided"));
        await WaitUntil(config, () => config.Errors.Count == 0 && config.Current.Policy == HealingPolicy.Guided);
    }

    [Fact]
    public async Task Unrelated_files_in_the_directory_do_not_disturb_the_policy()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("healing.toml", Policy("manual"));
        using var config = Open(path);
        var changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        config.Changed += () => changed.TrySetResult();

        dir.Write("other.toml", "not toml at all [");
        // Then touch ours, so the test has an event to wait for instead of a sleep.
        File.WriteAllText(path, Policy("supervised"));
        await changed.Task.WaitAsync(Patience);

        Assert.Empty(config.Errors);
        Assert.Equal(HealingPolicy.Supervised, config.Current.Policy);
    }

    private static HealingConfigFile Open(string path) =>
        new(path, NullLogger<HealingConfigFile>.Instance, TimeProvider.System);

    private static string Policy(string policy) => $"[healing]\npolicy = \"{policy}\"\n";

    /// <summary>Waits for a Changed event after which <paramref name="condition"/> holds, bounded.</summary>
    private static async Task WaitUntil(HealingConfigFile config, Func<bool> condition)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnChanged()
        {
            if (condition())
                reached.TrySetResult();
        }
        config.Changed += OnChanged;
        try
        {
            if (!condition())
                await reached.Task.WaitAsync(Patience);
        }
        finally
        {
            config.Changed -= OnChanged;
        }
    }
}
