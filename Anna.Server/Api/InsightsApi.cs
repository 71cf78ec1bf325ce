using System.Globalization;
using Anna.Core.History;
using Anna.Core.Insights;
using Anna.Core.Linux.Journal;
using Anna.Core.Policy;
using Anna.Core.Samples;
using Anna.Server.Security;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Anna.Server.Api;

/// <summary>
/// <c>GET /api/v1/insights?days=30</c>: what the period's history teaches — common issues, success
/// rates, time saved (an assumption: <c>Anna:Metrics:ManualFixMinutes</c>) and root causes with
/// what to do about them. A viewer may read it; a root cause's journal lines go to admins only, as
/// the system journal itself is for root and adm: a unit's log is not for every local user.
/// </summary>
public static class InsightsApi
{
    public const int DefaultDays = 30;

    public static IEndpointRouteBuilder MapInsightsApi(this IEndpointRouteBuilder api)
    {
        api.MapGet("/insights", GetAsync).WithName("GetInsights");
        return api;
    }

    public static async Task<Results<Ok<InsightsDto>, ValidationProblem>> GetAsync(
        string? days, IHistoryStore history, IIssueLog issues, ISampleStore samples, IHealingConfig config,
        ManualFixAssumption assumption, JournalControl journal, TimeProvider time, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var period = DefaultDays;
        if (days is not null && (!int.TryParse(days, NumberStyles.None, CultureInfo.InvariantCulture, out period) || period is < 1 or > InsightsRead.MaxDays))
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["days"] = [$"days must be a whole number from 1 to {InsightsRead.MaxDays}"] },
                title: "Invalid insights query");
        }
        var report = await InsightsRead.ReadAsync(history, issues, samples, period, time.GetUtcNow(),
            config.Current.AutoHeal, assumption.Minutes, cancellationToken,
            unitLog: AnnaIdentity.From(user)?.May(AnnaRole.Admin) == true ? (unit, ct) => journal.UnitLinesAsync(unit, InsightsRead.LogLines, ct) : null);
        return TypedResults.Ok(InsightsDto.Of(report, period, assumption));
    }
}
