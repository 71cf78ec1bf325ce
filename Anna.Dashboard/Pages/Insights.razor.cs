using System.Globalization;
using Anna.Core.History;
using Anna.Core.Insights;
using Anna.Core.Linux.Journal;
using Anna.Core.Policy;
using Anna.Core.Samples;
using Anna.Core.Vocabulary;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Logging;

namespace Anna.Dashboard.Pages;

/// <summary>
/// What history teaches over a chosen period — the success line, time saved under its assumption,
/// the most common issues and the root causes with what to run — from the same read as
/// <c>GET /api/v1/insights</c>; live like every page.
/// </summary>
public sealed partial class Insights
{
    public static readonly IReadOnlyList<int> Periods = [7, 30, 90, 365];

    [Inject] private IHistoryStore History { get; set; } = null!;

    [Inject] private IIssueLog Issues { get; set; } = null!;

    [Inject] private ISampleStore Samples { get; set; } = null!;

    [Inject] private IHealingConfig Config { get; set; } = null!;

    [Inject] private ManualFixAssumption Assumption { get; set; } = null!;

    [Inject] private ILogger<Insights> Logger { get; set; } = null!;

    [Inject] private IPolicyEditor Editor { get; set; } = null!;

    [CascadingParameter] private Task<AuthenticationState>? SignedIn { get; set; }

    // Optional: a host without the catalog (tests of this page alone) shows the causes without log lines.
    [Inject] private IServiceProvider Services { get; set; } = null!;

    public sealed record Snapshot(InsightsReport? Report, int Days, string? Error, LearnedWindow? Learned = null);

    private int _days = 30;
    private InsightsReport? _report;
    private LearnedWindow? _learned;
    private string? _error;
    private bool _accepting;
    private (bool Written, string Message)? _accepted;

    // Insights read a month of history; once a few seconds is plenty for figures that move slowly.
    protected override TimeSpan MinRefreshInterval => TimeSpan.FromSeconds(5);

    protected override async Task<Snapshot> ReadAsync(CancellationToken cancellationToken)
    {
        var days = _days;
        try
        {
            var report = await InsightsRead.ReadAsync(History, Issues, Samples, days, Time.GetUtcNow(),
                Config.Current.AutoHeal, Assumption.Minutes, cancellationToken,
                Services.GetService(typeof(JournalControl)) is JournalControl journal
                    ? (unit, ct) => journal.UnitLinesAsync(unit, InsightsRead.LogLines, ct)
                    : null);
            // The learned window stands on the last four weeks whatever the period chosen: a habit is weekly.
            var learned = await LearnedWindowRead.ReadAsync(Samples, Time.LocalTimeZone, Time.GetUtcNow(), cancellationToken);
            return new Snapshot(report, days, null, learned);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A failed read keeps the last good figures and says why.
            Logger.LogWarning(ex, "Reading insights failed");
            return new Snapshot(null, days, ex.Message);
        }
    }

    protected override void Apply(Snapshot snapshot)
    {
        // A read for a period the person has since left is not shown.
        if (snapshot.Days != _days)
            return;
        _report = snapshot.Report ?? _report;
        _learned = snapshot.Learned ?? _learned;
        _error = snapshot.Error;
    }

    /// <summary>
    /// "Let Anna do it": the category goes into auto_heal through the policy editor, as an edit of the
    /// person who clicked, with the learned preference as its reason — undoable like every edit.
    /// </summary>
    private async Task AcceptAsync(RootCause cause)
    {
        if (!ActionCategoryNames.TryParse(cause.Subject, out var category))
            return;
        _accepting = true;
        try
        {
            var autoHeal = Config.Current.AutoHeal.Append(category).Distinct().Order().Select(c => c.ToName()).ToList();
            var update = PolicyUpdate.None.With(PolicySettings.AutoHeal, (IReadOnlyList<string>)autoHeal);
            var why = $"learned preference: {cause.Finding} (history {string.Join(", ", cause.HistoryIds.Select(id => $"#{id}"))})";
            var result = await Editor.EditAsync(update, await DashboardIdentity.NameAsync(SignedIn), why, CancellationToken.None);
            _accepted = result.Outcome == PolicyEditOutcome.Written
                ? (true, $"Anna now does {cause.Subject} on its own (auto_heal in {Config.Path}); undo it in History.")
                : (false, $"Nothing was written: {result.Reason ?? string.Join("; ", result.Errors.Select(e => e.ToString()))}");
        }
        finally
        {
            _accepting = false;
        }
        RequestRefresh();
    }

    private void Choose(int days)
    {
        if (days == _days)
            return;
        _days = days;
        _report = null;
        RequestRefresh();
    }

    private static string Percent(double? rate) =>
        rate is { } r ? (r * 100).ToString("0", CultureInfo.InvariantCulture) + " %" : "—";

    private static string Seconds(double ms) => ms < 1000
        ? $"{ms.ToString("0", CultureInfo.InvariantCulture)} ms"
        : $"{(ms / 1000).ToString("0.#", CultureInfo.InvariantCulture)} s";

    private static string Minutes(double minutes) => minutes >= 120
        ? $"{(minutes / 60).ToString("0.#", CultureInfo.InvariantCulture)} h"
        : $"{minutes.ToString("0", CultureInfo.InvariantCulture)} min";
}
