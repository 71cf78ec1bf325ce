using Anna.Core.Actions;
using Anna.Core.Engine;
using Anna.Core.Events;
using Anna.Core.History;
using Anna.Core.Issues;
using Anna.Dashboard.Tests.Fakes;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor.Services;

namespace Anna.Dashboard.Tests;

/// <summary>
/// A bUnit context wired like the host: a real engine with its real board, feed and watch status;
/// only the history store and the policy source are fakes.
/// </summary>
public abstract class DashboardTestContext : BunitContext, IAsyncLifetime
{
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    protected DashboardTestContext(ActionResult? restartResult = null)
    {
        // MudBlazor calls into JS for layout and focus; none of it matters for these assertions.
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();

        Feed = new EngineEventFeed(NullLogger<EngineEventFeed>.Instance);
        var catalog = new ActionCatalog([new FakeRestartAction(restartResult ?? ActionResult.Ok("unit is active"))]);
        Engine = new HealingEngine(new IssueBoard(), catalog, Config, History, Feed, Watch, TimeProvider.System,
            NullLogger<HealingEngine>.Instance);

        Services.AddSingleton(Engine);
        Services.AddSingleton<IHistoryStore>(History);
        Services.AddSingleton(Feed);
        Services.AddSingleton<Core.Policy.IHealingConfig>(Config);
        Services.AddSingleton(Watch);
    }

    protected HealingEngine Engine { get; }

    protected EngineEventFeed Feed { get; }

    protected InMemoryHistoryStore History { get; } = new();

    protected FakeHealingConfig Config { get; } = new();

    protected WatchStatus Watch { get; } = new();

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    // MudBlazor registers services that only dispose asynchronously; xunit 2 disposes test classes
    // synchronously unless they ask for async disposal here.
    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();

    protected static Issue FailedService(string unit, IssueSeverity severity = IssueSeverity.Warning)
    {
        var now = DateTimeOffset.UtcNow;
        return new Issue(IssueKind.FailedService, unit, severity, $"{unit} has failed",
            new Dictionary<string, string> { ["ActiveState"] = "failed", ["Result"] = "exit-code" }, now, now);
    }
}
