using Anna.Core.Vocabulary;
using Anna.Core.Actions;
using Anna.Core.Issues;
using Anna.Core.Risk;
using Anna.Core.Rollback;

namespace Anna.Server.Configuration;

/// <summary>
/// Writing healing.toml, as an action of its own so that it is journaled and undoable like every
/// change Anna makes: the old file is backed up and its <see cref="RevertConfigStep"/> recorded
/// before the new text is written (atomically, comments kept — the text comes from
/// <see cref="HealingConfigWriter"/>). Made for one edit; never in the catalog, never offered for
/// an issue. Its category is filesystem_modify (it rewrites a file), which the default policy
/// never heals on its own: Anna does not edit its own policy unasked.
/// </summary>
internal sealed class EditPolicyAction(string path, string text, IReadOnlyList<string> changes) : IHealingAction
{
    public const string ActionName = "edit_policy";

    public string Name => ActionName;

    public ActionCategory Category => ActionCategory.FilesystemModify;

    /// <summary>Low: a validated file, written atomically, undoable.</summary>
    public ActionRisk Risk => ActionRisk.Low;

    public bool CanHeal(Issue issue) => false;

    public string Describe(Issue issue) => $"Write {path}: {Summary}";

    public Task<ActionResult> DryRunAsync(Issue issue, CancellationToken cancellationToken) =>
        Task.FromResult(ActionResult.Ok($"Would write {path}: {Summary}"));

    public async Task<ActionResult> ExecuteAsync(Issue issue, ActionScope scope, CancellationToken cancellationToken)
    {
        // The file the write replaces (a link's target) is the one backed up.
        var step = await FileBackups.BackUpConfigAsync(scope, AtomicFile.TargetOf(path), cancellationToken);
        try
        {
            AtomicFile.Write(path, text);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Nothing was replaced: the temp file is removed and the old file is still in force.
            return ActionResult.Fail($"cannot write {path}: {e.Message}");
        }
        FileBackups.Seal(scope, step);
        return ActionResult.Ok($"Wrote {path}: {Summary}");
    }

    private string Summary => changes.Count == 0 ? "no setting changed (layout only)" : string.Join("; ", changes);
}
