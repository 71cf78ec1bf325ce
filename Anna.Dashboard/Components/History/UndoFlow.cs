using Anna.Core.Rollback;
using Microsoft.Extensions.Logging;
using MudBlazor;

namespace Anna.Dashboard.Components.History;

/// <summary>
/// The dashboard's undo, one per page: every request is checked, the person sees what will be
/// undone (and what will not, and why), and only then the undo service runs. Outcomes are told in
/// snackbars; the page learns of the changes from the engine's ActionUndone events like any other.
/// </summary>
/// <param name="who">The signed-in person, recorded as who asked for the undo.</param>
public sealed class UndoFlow(IActionJournal journal, UndoService undo, IDialogService dialogs, ISnackbar snackbar, ILogger logger, Func<Task<string>> who)
{
    /// <summary>The action's journal record and what the undo service says about it now; never throws.</summary>
    public async Task<(JournalRecord? Record, UndoResult Check)> ReadAsync(long id, CancellationToken cancellationToken)
    {
        try
        {
            var record = await journal.GetAsync(id, cancellationToken);
            var check = await undo.CheckAsync(id, cancellationToken);
            return (record, check);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The journal is a disk the host may have trouble with; the drawer says so, not breaks.
            logger.LogWarning(ex, "Reading the journal record of #{Id} failed", id);
            return (null, UndoResult.Refuse(id, UndoStatus.NotFound, $"the journal could not be read: {ex.Message}"));
        }
    }

    /// <summary>Undoes chosen actions newest first, stopping at the first that does not undo; true when something was asked of the undo service.</summary>
    /// <param name="force">Undo past drift in files (the person chose "Undo anyway").</param>
    public async Task<bool> UndoAsync(IReadOnlyList<long> ids, bool force)
    {
        try
        {
            var items = new List<UndoCandidate>();
            foreach (var id in ids.Distinct().OrderDescending())
            {
                var (record, check) = await ReadAsync(id, CancellationToken.None);
                items.Add(new UndoCandidate(id, record?.Entry, record?.Snapshot ?? RollbackSnapshot.Empty, check));
            }
            var runnable = items.Where(i => i.WillRun(force)).ToList();
            if (runnable.Count == 0)
            {
                snackbar.Add("Nothing to undo: " + string.Join("; ", items.Select(i => i.Check?.Detail ?? $"#{i.Id} could not be checked")),
                    Severity.Warning);
                return false;
            }
            if (!await ConfirmAsync(items, force, runnable.Count == 1 ? "Undo this action?" : $"Undo these {runnable.Count} actions?"))
                return false;
            var results = new List<UndoResult>();
            foreach (var item in runnable)
            {
                // Not cancelled when the page goes away: an undo runs whole or not at all.
                var result = await undo.UndoAsync(item.Id, await who(), force, CancellationToken.None);
                results.Add(result);
                if (result.Status != UndoStatus.Undone)
                    break;
            }
            Report(results, runnable.Count, items);
            return true;
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Undo of {Ids} failed", string.Join(",", ids));
            snackbar.Add($"Undo failed: {ex.Message}", Severity.Error);
            return true;
        }
    }

    /// <summary>"Undo last N": the undo service takes the N newest undoable actions; the dialog lists those first.</summary>
    public async Task<bool> UndoLastAsync(int count)
    {
        try
        {
            var records = (await journal.UndoableAsync(CancellationToken.None)).Take(count).ToList();
            if (records.Count == 0)
            {
                snackbar.Add("Nothing can be undone now: no action is within its undo window.", Severity.Info);
                return false;
            }
            var items = records.Select(r => new UndoCandidate(r.Id, r.Entry, r.Snapshot, null)).ToList();
            var title = records.Count == 1 ? "Undo the last action?" : $"Undo the last {records.Count} actions?";
            if (!await ConfirmAsync(items, force: false, title))
                return false;
            var results = await undo.UndoLastAsync(records.Count, await who(), force: false, CancellationToken.None);
            Report(results, records.Count, items);
            return true;
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Undo of the last {Count} actions failed", count);
            snackbar.Add($"Undo failed: {ex.Message}", Severity.Error);
            return true;
        }
    }

    private async Task<bool> ConfirmAsync(IReadOnlyList<UndoCandidate> items, bool force, string title)
    {
        var parameters = new DialogParameters<UndoConfirmDialog> { { d => d.Items, items }, { d => d.Force, force } };
        var dialog = await dialogs.ShowAsync<UndoConfirmDialog>(title, parameters,
            new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseOnEscapeKey = true });
        var answer = await dialog.Result;
        return answer is { Canceled: false };
    }

    private void Report(IReadOnlyList<UndoResult> results, int asked, IReadOnlyList<UndoCandidate> items)
    {
        string Name(long id) => items.FirstOrDefault(i => i.Id == id)?.Entry is { } e ? $"#{id} ({e.Action} on {e.Subject})" : $"#{id}";
        var undone = results.Where(r => r.Status == UndoStatus.Undone).ToList();
        if (undone.Count > 0)
            snackbar.Add(undone.Count == 1 ? $"Undid {Name(undone[0].Id)}" : $"Undid {undone.Count} of {asked} actions", Severity.Success);
        if (results.FirstOrDefault(r => r.Status != UndoStatus.Undone) is { } stopped)
        {
            var rest = asked - undone.Count - 1;
            var after = rest > 0 ? $"; {rest} more left as they are" : "";
            snackbar.Add($"{Name(stopped.Id)} {stopped.Status.Text()}: {stopped.Detail}{after}",
                stopped.Status == UndoStatus.Failed ? Severity.Error : Severity.Warning);
        }
    }
}
