using System.Text.RegularExpressions;
using Anna.IntegrationTests.Systemd;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Anna.IntegrationTests.Browser;

/// <summary>
/// The circuit's WebSocket cut under a live page: Anna's own reconnect bar says so, and goes away
/// once Blazor has reconnected to the same circuit, which then answers clicks again.
/// </summary>
[Collection(SystemdCollection.Name)]
public sealed partial class ReconnectBrowserTests(SystemdSandboxFixture systemd, ITestOutputHelper output) : IAsyncLifetime
{
    // Records, inside the page, what the reconnect bar said each time Blazor changed its state:
    // reconnecting can be over within milliseconds, too quick to catch between two polls.
    private const string WatchReconnectBar = """
        () => {
            const seen = [];
            window.__annaReconnect = seen;
            const bar = document.getElementById('components-reconnect-modal');
            new MutationObserver(() => seen.push({
                classes: bar.className,
                shown: getComputedStyle(bar).display !== 'none',
                text: bar.innerText.trim(),
            })).observe(bar, { attributes: true, attributeFilter: ['class'] });
        }
        """;

    private AnnaInBrowser? _session;
    private IWebSocketRoute? _circuitSocket;

    public async Task InitializeAsync() =>
        _session = await AnnaInBrowser.StartAsync(systemd, "[healing]\npolicy = \"supervised\"\n");

    public async Task DisposeAsync()
    {
        if (_session is not null)
            await _session.DisposeAsync();
    }

    [GeneratedRegex(@"/_blazor\?")]
    private static partial Regex CircuitSocket();

    [Fact]
    public async Task A_dropped_circuit_shows_the_reconnect_bar_and_recovers()
    {
        var session = _session!;
        var page = session.Page;
        // Every circuit socket passes through the test, which can cut the current one.
        await page.RouteWebSocketAsync(CircuitSocket(), socket =>
        {
            _circuitSocket = socket;
            socket.ConnectToServer();
        });
        try
        {
            await session.OpenAsync("");
            var bar = page.Locator("#components-reconnect-modal");
            await Expect(bar).ToBeHiddenAsync();
            await page.EvaluateAsync(WatchReconnectBar);

            await _circuitSocket!.CloseAsync(new() { Code = 4000, Reason = "cut by test" });

            // Back on the same circuit: Blazor hides the bar, and a click still reaches the server.
            await Expect(bar).ToHaveClassAsync(new Regex("components-reconnect-hide"), new() { Timeout = 20_000 });
            await Expect(bar).ToBeHiddenAsync();
            var seen = await page.EvaluateAsync<ReconnectState[]>("() => window.__annaReconnect");
            foreach (var state in seen)
                output.WriteLine($"{state.Classes} shown={state.Shown}: {state.Text}");
            Assert.Contains(seen, s => s.Classes.Contains("components-reconnect-show", StringComparison.Ordinal) && s.Shown
                && s.Text == "Connection to Anna lost — reconnecting…");
            await page.GetByTestId("theme-toggle").ClickAsync();
            await Expect(page.Locator("[data-interactive=true]")).ToHaveAttributeAsync("data-theme", "dark");
        }
        catch
        {
            output.WriteLine($"screenshot: {await DocsImages.SaveFailureAsync(page, "reconnect")}");
            throw;
        }
    }

    private sealed class ReconnectState
    {
        public string Classes { get; set; } = "";

        public bool Shown { get; set; }

        public string Text { get; set; } = "";
    }
}
