using Anna.Core.Actions;
using Anna.Core.Events;
using Anna.Server.Tests.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace Anna.Server.Tests.Api;

/// <summary>Metrics label an action by its own outcome: rolled back is not lumped in with failed.</summary>
public sealed class OutcomeMetricsTests(NoSystemdAppFactory factory) : IClassFixture<NoSystemdAppFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Rolled_back_failed_success_and_undo_each_have_their_label()
    {
        var feed = factory.Services.GetRequiredService<EngineEventFeed>();
        var at = DateTimeOffset.UtcNow;
        var issue = JournalSamples.FailedUnit("metric.service");
        var entry = HistoryEntries.Restart(at, subject: "metric.service");

        feed.Publish(new EngineEvent(EngineEventKind.ActionFailed, at, "x", issue, entry with { Outcome = ActionOutcome.RolledBack }));
        feed.Publish(new EngineEvent(EngineEventKind.ActionFailed, at, "x", issue, entry with { Outcome = ActionOutcome.RolledBack }));
        feed.Publish(new EngineEvent(EngineEventKind.ActionFailed, at, "x", issue, entry with { Outcome = ActionOutcome.Failed }));
        feed.Publish(new EngineEvent(EngineEventKind.ActionSucceeded, at, "x", issue, entry));
        feed.Publish(new EngineEvent(EngineEventKind.ActionUndone, at, "x", issue, entry with { Action = "undo" }));

        var text = await _client.GetStringAsync("/metrics");
        Assert.Contains("anna_healing_attempts_total{issue_type=\"failed_service\",outcome=\"rolled_back\"} 2", text);
        Assert.Contains("anna_healing_attempts_total{issue_type=\"failed_service\",outcome=\"failed\"} 1", text);
        Assert.Contains("anna_healing_attempts_total{issue_type=\"failed_service\",outcome=\"success\"} 1", text);
        Assert.Contains("anna_undo_total{outcome=\"success\"} 1", text);
    }
}
