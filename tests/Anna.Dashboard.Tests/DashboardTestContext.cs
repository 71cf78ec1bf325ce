using Anna.Core.Actions;
using Anna.Core.Engine;
using Anna.Core.Events;
using Anna.Core.History;
using Anna.Core.Issues;
using Anna.Core.Rollback;
using Anna.Dashboard.Tests.Fakes;
using Anna.Testing;
using Bunit;
using Bunit.TestDoubles;
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

    /// <param name="moreActions">Fixes besides the fake restart, for tests of other issue kinds.</param>
    /// <param name="undoers">How the rig undoes rollback steps, for tests whose actions record some.</param>
    protected DashboardTestContext(ActionResult? restartResult = null, IEnumerable<IHealingAction>? moreActions = null,
        IEnumerable<IStepUndoer>? undoers = null)
    {
        // MudBlazor calls into JS for layout and focus; none of it matters for these assertions.
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        // Signed in as an admin unless a test says otherwise (see SignInAs).
        Authorization = AddAuthorization();
        Authorization.SetAuthorized(SignedInAs);
        Authorization.SetRoles("admin");

        Rig = new EngineRig(Config, [new FakeRestartAction(restartResult ?? ActionResult.Ok("unit is active")), .. moreActions ?? []],
            TimeProvider.System, undoers);

        Services.AddSingleton(Engine);
        Services.AddSingleton<IHistoryStore>(History);
        Services.AddSingleton(Feed);
        Services.AddSingleton<Core.Policy.IHealingConfig>(Config);
        Services.AddSingleton(Watch);
        Services.AddSingleton(Rig.Requests);
        Services.AddSingleton<IActionJournal>(Rig.Journal);
        Services.AddSingleton(Rig.Undo);
    }

    /// <summary>The person the pages act for; history must name them.</summary>
    public const string SignedInAs = "dana";

    protected BunitAuthorizationContext Authorization { get; }

    /// <summary>Signs the page in with another role (viewer, operator or admin).</summary>
    protected void SignInAs(string role) => Authorization.SetRoles(role);

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
