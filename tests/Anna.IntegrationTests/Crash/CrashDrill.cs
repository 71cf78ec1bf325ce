using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Anna.Core.Rollback;
using Anna.Core.Vocabulary;
using Anna.IntegrationTests.EndToEnd;

namespace Anna.IntegrationTests.Crash;

/// <summary>
/// A crash at a chosen point of an action, with the real process: start Anna holding every action
/// at the point, make it act, wait until it holds there with its row in progress, SIGKILL it; then
/// start it again on the same state and wait for start-up recovery to finish the row. What the
/// action is (a restart, a cache cleanup half-way through its files) is the test's: it passes what
/// provokes it and the subject to look for.
/// </summary>
internal static partial class CrashDrill
{
    /// <summary>Returns the history id of the action that was cut off.</summary>
    /// <param name="provoke">Makes Anna act on <paramref name="subject"/> (break a unit, ask for a heal, …).</param>
    public static async Task<long> HoldAndKillAsync(AnnaStateDirectory state, AnnaLaunch launch, FaultPoint point, string subject, Func<AnnaServerProcess, Task> provoke)
    {
        await using var anna = await AnnaServerProcess.StartConnectedAsync(state, launch.HoldingAt(point));
        await provoke(anna);

        // The fault injector says when the executor is at the point; the row must be in progress then.
        var line = await anna.WaitForLineAsync($"holding action #", TimeSpan.FromSeconds(60));
        var held = HoldLine().Match(line);
        Assert.True(held.Success, $"unexpected hold line: {line}");
        Assert.Equal(EnumNames<FaultPoint>.ToName(point), held.Groups["point"].Value);
        var id = long.Parse(held.Groups["id"].Value, CultureInfo.InvariantCulture);
        var row = await RowAsync(anna.Client, id);
        Assert.Equal(subject, row.GetProperty("subject").GetString());
        Assert.Equal("in_progress", row.GetProperty("outcome").GetString());

        await anna.KillAsync();
        return id;
    }

    /// <summary>
    /// Starts Anna again on the same state, without the fault, and waits until start-up recovery has
    /// given the cut-off row an outcome. The caller owns the returned process.
    /// </summary>
    public static async Task<(AnnaServerProcess Anna, JsonElement Entry)> RestartAndRecoverAsync(AnnaStateDirectory state, AnnaLaunch launch, long id)
    {
        var anna = await AnnaServerProcess.StartConnectedAsync(state, launch);
        try
        {
            var detail = await Eventually.HoldsAsync(
                () => anna.Client.Http.GetFromJsonAsync<JsonElement>($"/api/v1/history/{id}"),
                d => d.GetProperty("entry").GetProperty("outcome").GetString() != "in_progress",
                $"start-up recovery to finish #{id}", TimeSpan.FromSeconds(60));
            return (anna, detail);
        }
        catch
        {
            await anna.DisposeAsync();
            throw;
        }
    }

    /// <summary>Every history row, whatever its subject.</summary>
    public static async Task<IReadOnlyList<JsonElement>> AllRowsAsync(AnnaClient client)
    {
        var page = await client.Http.GetFromJsonAsync<JsonElement>("/api/v1/history?page=1&pageSize=500");
        return page.GetProperty("items").EnumerateArray().ToList();
    }

    private static async Task<JsonElement> RowAsync(AnnaClient client, long id) =>
        (await client.Http.GetFromJsonAsync<JsonElement>($"/api/v1/history/{id}")).GetProperty("entry");

    [GeneratedRegex(@"holding action #(?<id>\d+) at (?<point>[a-z_]+)")]
    private static partial Regex HoldLine();
}
