using Anna.Core.Notifications;
using Anna.Server.Notifications;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Anna.Server.Api;

/// <summary>
/// <c>GET /api/v1/notices?after=N&amp;boot=B&amp;wait=S</c>: the desktop notifications after the N-th, waiting up
/// to S seconds (at most 60) for one when there is none yet — what <c>annactl notify</c> follows.
/// Any signed-in role: what the notices say is in the history every viewer sees.
/// </summary>
public static class NoticesApi
{
    public sealed record NoticesDto(Guid Boot, long Latest, IReadOnlyList<DesktopNotice> Notices);

    public static IEndpointRouteBuilder MapNoticesApi(this IEndpointRouteBuilder api)
    {
        api.MapGet("/notices", ListAsync);
        return api;
    }

    public static async Task<Results<Ok<NoticesDto>, ValidationProblem>> ListAsync(
        string? after, string? boot, string? wait, NoticeBoard board, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var query = FollowQuery.Read(after, boot, wait, errors);
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors, title: "Invalid notices query");
        var (latest, items) = await query.WaitAsync(board.Log, cancellationToken);
        return TypedResults.Ok(new NoticesDto(board.Log.Boot, latest, items));
    }
}
