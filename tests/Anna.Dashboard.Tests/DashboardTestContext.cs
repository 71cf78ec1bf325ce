using Anna.Core.Actions;
using Anna.Core.Engine;
using Anna.Core.Events;
using Anna.Core.History;
using Anna.Core.Issues;
using Anna.Dashboard.Tests.Fakes;
using Anna.Testing;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
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

        Rig = new EngineRig(Config, [new FakeRestartAction(restartResult ?? ActionResult.Ok("unit is active"))], TimeProvider.System);

        Services.AddSingleton(Engine);
        Services.AddSingleton<IHistoryStore>(History);
        Services.AddSingleton(Feed);
        Services.AddSingleton<Core.Policy.IHealingConfig>(Config);
        Services.AddSingleton(Watch);
    }

    protected EngineRig Rig { get; }

    protected HealingEngine Engine => Rig.Engine;

    protected EngineEventFeed Feed => Rig.Feed;

    protected InMemoryHistoryStore History => Rig.History;

    protected TestHealingConfig Config { get; } = new();

    protected WatchStatus Watch => Rig.Watch;

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
