using Anna.Core.Engine;
using Anna.Core.History;
using Anna.Core.Policy;
using Anna.Core.Rollback;
using Anna.Core.Sessions;
using Anna.Dashboard.Components.History;
using Anna.Dashboard.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Logging;
using MudBlazor;

namespace Anna.Dashboard.Pages;

/// <summary>
/// Every action Anna took or was asked to take, filtered and paged from the store, with the journal
/// side of the one opened and its undo; live, like every page, through <see cref="LivePage{TSnapshot}"/>.
/// </summary>
public sealed partial class History
{
    [Inject] private IHistoryStore Store { get; set; } = null!;

    [Inject] private ISessionStore SessionStore { get; set; } = null!;

    [Inject] private IActionJournal Journal { get; set; } = null!;

    [Inject] private UndoService Undo { get; set; } = null!;

    [Inject] private HealingEngine Engine { get; set; } = null!;

    [Inject] private IHealingConfig Config { get; set; } = null!;

    [Inject] private IDialogService Dialogs { get; set; } = null!;

    [Inject] private ISnackbar Snackbar { get; set; } = null!;

    [Inject] private ILogger<History> Logger { get; set; } = null!;


    [CascadingParameter] private Task<AuthenticationState>? SignedIn { get; set; }
    private const int PageSize = 50;
    private const int SessionCount = 20;

    // Links from elsewhere (the auto-heal toast): filters, the entry to open, the actions to undo.
    [SupplyParameterFromQuery(Name = "id")] public string? QueryId { get; set; }
    [SupplyParameterFromQuery(Name = "undo")] public string? QueryUndo { get; set; }
    [SupplyParameterFromQuery(Name = "kind")] public string? QueryKind { get; set; }
    [SupplyParameterFromQuery(Name = "action")] public string? QueryAction { get; set; }
    [SupplyParameterFromQuery(Name = "outcome")] public string? QueryOutcome { get; set; }
    [SupplyParameterFromQuery(Name = "from")] public string? QueryFrom { get; set; }
    [SupplyParameterFromQuery(Name = "to")] public string? QueryTo { get; set; }
    [SupplyParameterFromQuery(Name = "subject")] public string? QuerySubject { get; set; }

    private int _page = 1;
    private long _total;
    private IReadOnlyList<HistoryEntry> _loaded = [];
    private IReadOnlyList<string> _actions = [];
    private IReadOnlyList<HealingSessionRecord> _sessions = [];
    private HistoryFilterSelection _filter = HistoryFilterSelection.None;
    private HistoryEntry? _selected;
    private JournalRecord? _record;
    private UndoResult? _check;
    private string? _error;
    private bool _busy;
    private int _undoCount = 1;
    private string? _appliedQuery;
    private IReadOnlyList<long> _pendingUndo = [];
    private UndoFlow _undo = null!;

    private int PageCount => (int)Math.Max(1, (_total + PageSize - 1) / PageSize);

    // Undo reaches back at most as far as the journal keeps undoable actions.
    private int MaxUndoLast => Math.Max(1, Config.Current.Rollback.HistorySize);

    protected override void OnInitialized()
    {
        _undo = new UndoFlow(Journal, Undo, Dialogs, Snackbar, Logger, () => DashboardIdentity.NameAsync(SignedIn));
        _actions = Engine.Catalog.All.Select(a => a.Name).Append(UndoService.UndoActionName)
            .Distinct().Order(StringComparer.Ordinal).ToList();
        // Every event may change the list: an undo (ActionUndone) and a heal (ActionSucceeded) alike.
        base.OnInitialized();
    }

    // The first read depends on the query, so it happens when the parameters are set.
    protected override Task OnInitializedAsync() => Task.CompletedTask;

    protected override async Task OnParametersSetAsync()
    {
        // The same page is reached again with another query when a toast link is followed.
        var query = string.Join('\n', QueryId, QueryUndo, QueryKind, QueryAction, QueryOutcome, QueryFrom, QueryTo, QuerySubject);
        if (query == _appliedQuery)
            return;
        var first = _appliedQuery is null;
        _appliedQuery = query;
        var filter = HistoryLinks.ParseFilter(QueryKind, QueryAction, QueryOutcome, QueryFrom, QueryTo, QuerySubject);
        if (first || filter != HistoryFilterSelection.None)
        {
            _filter = filter;
            _page = 1;
            Apply(await ReadAsync(_page, _filter, null, CancellationToken.None));
        }
        if (HistoryLinks.ParseId(QueryId) is { } id)
            await OpenAsync(id);
        // Dialogs need the interactive circuit; the undo flow starts after the render (OnAfterRenderAsync).
        _pendingUndo = HistoryLinks.ParseIds(QueryUndo);
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_pendingUndo.Count == 0)
            return;
        var ids = _pendingUndo;
        _pendingUndo = [];
        await UndoAsync(ids, force: false);
    }

    protected override Task<Snapshot> ReadAsync(CancellationToken cancellationToken) =>
        ReadAsync(_page, _filter, _selected?.Id, cancellationToken);

    private async Task PageChanged(int page)
    {
        _page = page;
        Apply(await ReadAsync(page, _filter, _selected?.Id, CancellationToken.None));
    }

    private async Task FilterChanged(HistoryFilterSelection filter)
    {
        _filter = filter;
        // A new filter is a new list: its first page.
        _page = 1;
        Apply(await ReadAsync(_page, filter, _selected?.Id, CancellationToken.None));
    }

    private Task SelectAsync(HistoryEntry entry) => OpenAsync(entry.Id, entry);

    /// <summary>Opens the drawer on an entry, with its journal record and what undo says about it now.</summary>
    private async Task OpenAsync(long id, HistoryEntry? shown = null)
    {
        _selected = shown ?? _loaded.FirstOrDefault(e => e.Id == id);
        _record = null;
        _check = null;
        var (record, check) = await _undo.ReadAsync(id, CancellationToken.None);
        // The entry may be on another page (a link from the toast): the journal has it too.
        _selected ??= record?.Entry;
        if (_selected is null)
        {
            Snackbar.Add($"There is no action #{id} in the history.", Severity.Warning);
            return;
        }
        _record = record;
        _check = check;
    }

    private void CloseDetail()
    {
        _selected = null;
        _record = null;
        _check = null;
    }

    private void DrawerOpenChanged(bool open)
    {
        if (!open)
            CloseDetail();
    }

    private void UndoCountChanged(int count) => _undoCount = Math.Clamp(count, 1, MaxUndoLast);

    private Task UndoSelectedAsync(bool force) =>
        _selected is { } entry ? UndoAsync([entry.Id], force) : Task.CompletedTask;

    private Task UndoAsync(IReadOnlyList<long> ids, bool force) => BusyAsync(() => _undo.UndoAsync(ids, force));

    private Task UndoLastAsync() => BusyAsync(() => _undo.UndoLastAsync(_undoCount));

    // One undo at a time from this page; the list and the drawer re-read once it is done.
    private async Task BusyAsync(Func<Task<bool>> undo)
    {
        if (_busy)
            return;
        _busy = true;
        try
        {
            await undo();
        }
        finally
        {
            _busy = false;
        }
        RequestRefresh();
    }

    private string TotalLine() => _filter == HistoryFilterSelection.None
        ? $"{_total:N0} actions"
        : $"{_total:N0} actions match";

    protected override void Apply(Snapshot snapshot)
    {
        _error = snapshot.Error;
        // A failed read keeps showing the last good lists; a refresh that read the page (or filter)
        // the person just left must not pull them back to it.
        if (snapshot.Page is { } page && snapshot.PageNumber == _page && snapshot.Filter == _filter)
        {
            _total = page.Total;
            _loaded = page.Items;
            // The drawer follows the entry it shows, e.g. success → undone.
            if (_selected is not null && _loaded.FirstOrDefault(e => e.Id == _selected.Id) is { } fresh)
                _selected = fresh;
        }
        if (snapshot.Sessions is { } sessions)
            _sessions = sessions;
        if (snapshot.SelectedId is { } id && _selected?.Id == id && snapshot.Check is not null)
        {
            _record = snapshot.Record;
            _check = snapshot.Check;
            if (snapshot.Record?.Entry is { } entry)
                _selected = entry;
        }
    }

    // The stores are a disk the host may have trouble with; the page must say so, not break.
    private async Task<Snapshot> ReadAsync(int page, HistoryFilterSelection filter, long? selectedId, CancellationToken cancellationToken)
    {
        HistoryPage? history = null;
        IReadOnlyList<HealingSessionRecord>? sessions = null;
        string? error = null;
        try
        {
            history = await Store.ListAsync(filter.ToStoreFilter(LocalZone), page, PageSize, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logger.LogWarning(ex, "Reading history failed");
            error = ex.Message;
        }
        try
        {
            sessions = await SessionStore.ListAsync(1, SessionCount, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logger.LogWarning(ex, "Reading sessions failed");
            error ??= ex.Message;
        }
        JournalRecord? record = null;
        UndoResult? check = null;
        if (selectedId is { } id)
            (record, check) = await _undo.ReadAsync(id, cancellationToken);
        return new Snapshot(page, filter, history, sessions, error, selectedId, record, check);
    }

    public sealed record Snapshot(int PageNumber, HistoryFilterSelection Filter, HistoryPage? Page,
        IReadOnlyList<HealingSessionRecord>? Sessions, string? Error, long? SelectedId, JournalRecord? Record, UndoResult? Check);
}
