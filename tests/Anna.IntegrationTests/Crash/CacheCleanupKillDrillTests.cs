using System.Security.Cryptography;
using Anna.IntegrationTests.EndToEnd;
using Anna.IntegrationTests.Systemd;
using Xunit.Abstractions;

namespace Anna.IntegrationTests.Crash;

/// <summary>
/// The daemon SIGKILLed at random moments while it cleans a package cache (one of its own, through
/// <c>Anna:PackageCache</c>), again and again on the same store: in the end every cleanup is finished
/// and every package file is there exactly once and unchanged, still in the cache (its cleanup rolled
/// back) or in quarantine (its cleanup done, kept for undo for the whole drill) — none lost, none
/// copied twice. The bench runs 100 rounds
/// of this together with unit heals (<c>kill-drill</c>); the seed is printed to repeat a run.
/// </summary>
[Collection(SystemdCollection.Name)]
public sealed class CacheCleanupKillDrillTests(SystemdSandboxFixture systemd, ITestOutputHelper output)
{
    private const int Rounds = 5;
    private const int FilesPerRound = 8;

    [Fact]
    public async Task Random_sigkills_during_cache_cleanups_leave_every_file_once_in_the_cache_or_in_quarantine()
    {
        using var state = new AnnaStateDirectory();
        state.WritePolicy("[healing]\npolicy = \"supervised\"\n[healing.schedule]\npreferred_hours = []\navoid_hours = []\npreferred_days = []\n" +
            "[healing.rollback]\nhistory_size = 1000\nrollback_timeout = 10080\n[healing.circuit_breaker]\nmax_failures = 100\n[probes.packages]\ncache_max_mb = 1\n");
        var cache = Path.Combine(state.Root, "cache");
        var archives = Path.Combine(cache, "archives");
        Directory.CreateDirectory(Path.Combine(archives, "partial"));
        var launch = new AnnaLaunch(systemd.Sandbox.BusAddress, ["package_cache"], new Dictionary<string, string> { ["Anna:PackageCache"] = cache });
        var seed = Environment.TickCount;
        var random = new Random(seed);
        output.WriteLine($"seed {seed}");
        var written = new Dictionary<string, string>(StringComparer.Ordinal);

        for (var round = 0; round < Rounds; round++)
        {
            await using var anna = await AnnaServerProcess.StartConnectedAsync(state, launch);
            var content = new byte[160 * 1024];
            for (var i = 0; i < FilesPerRound; i++)
            {
                random.NextBytes(content);
                var name = $"drill-r{round}-f{i}_1.0_all.deb";
                await File.WriteAllBytesAsync(Path.Combine(archives, name), content);
                written[name] = Convert.ToHexString(SHA256.HashData(content));
            }
            _ = anna.Client.Http.PostAsync("/api/v1/scan", null).ContinueWith(t => t.Exception, TaskScheduler.Default);
            var delay = random.Next(0, 700);
            await Task.Delay(delay);
            await anna.KillAsync();
            output.WriteLine($"round {round}: SIGKILL {delay} ms after the scan was asked for");
        }

        await using var last = await AnnaServerProcess.StartConnectedAsync(state, launch);
        var rows = await Eventually.HoldsAsync(() => CrashDrill.AllRowsAsync(last.Client),
            r => r.All(e => e.GetProperty("outcome").GetString() != "in_progress"), "recovery to finish every action");
        var cleanups = rows.Where(r => r.GetProperty("action").GetString() == "clean_package_cache").ToList();
        output.WriteLine(string.Join(", ", cleanups.GroupBy(r => r.GetProperty("outcome").GetString()).Select(g => $"{g.Key} {g.Count()}")));
        Assert.All(cleanups, r => Assert.Contains(r.GetProperty("outcome").GetString(), (string[])["success", "rolled_back", "failed"]));

        var found = new[] { archives, state.DataDirectory }
            .SelectMany(root => Directory.EnumerateFiles(root, "drill-r*.deb", SearchOption.AllDirectories))
            .GroupBy(Path.GetFileName).ToDictionary(g => g.Key!, g => g.ToList());
        Assert.All(written, file =>
        {
            Assert.True(found.TryGetValue(file.Key, out var copies), $"{file.Key} is lost");
            var copy = Assert.Single(copies!);
            Assert.Equal(file.Value, Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(copy))));
        });
    }
}
