using Anna.Core.Engine;
using Microsoft.Extensions.Logging;
using MudBlazor;

namespace Anna.Dashboard.Components.Services;

/// <summary>
/// The dashboard's heal, for every page that offers one: the engine's dry run of the chosen issues is
/// the plan the person confirms — what each would change, or why it would wait or ask — and only then
/// the same request runs for real. Outcomes are told in snackbars; pages learn of the changes from
/// the engine's events like any other.
/// </summary>
/// <param name="who">The signed-in person, recorded as who asked for the heal.</param>
public sealed class HealFlow(HealingRequests requests, IDialogService dialogs, ISnackbar snackbar, ILogger logger, Func<Task<string>> who)
{
    /// <summary>
    /// Shows the plan for <paramref name="keys"/> under <paramref name="title"/> and runs it when confirmed;
    /// true when it ran. Never throws: an issue resolved between the click and the request is told, not raised.
    /// </summary>
    /// <param name="what">How the snackbars name what was asked, when it fails or there is nothing to heal.</param>
    public async Task<bool> RunAsync(IReadOnlyList<string> keys, string title, string what, MaxWidth width)
    {
        try
        {
            var plan = await requests.HealAsync(keys, dryRun: true, await who(), CancellationToken.None);
            var parameters = new DialogParameters<HealPlanDialog> { { d => d.Plan, plan } };
            var dialog = await dialogs.ShowAsync<HealPlanDialog>(title, parameters,
                new DialogOptions { MaxWidth = width, FullWidth = true, CloseOnEscapeKey = true });
            var answer = await dialog.Result;
            if (answer is null || answer.Canceled)
                return false;
            // Not cancelled when the page goes away: a heal is either started (or queued) whole or not at all.
            var done = await requests.HealAsync(keys, dryRun: false, await who(), CancellationToken.None);
            if (done.Items.Count == 0)
                snackbar.Add($"{what}: nothing to heal", Severity.Info);
            foreach (var item in done.Items)
                snackbar.Add($"{item.Action} on {item.Subject}: {item.Result}", PlanOutcomes.Severity(item.Outcome));
            return true;
        }
        catch (Exception ex)
        {
            // An issue may have been resolved between the click and the request (HealingRequestException).
            logger.LogWarning(ex, "Healing {What} failed", what);
            snackbar.Add($"Could not heal {what}: {ex.Message}", Severity.Error);
            return false;
        }
    }
}
