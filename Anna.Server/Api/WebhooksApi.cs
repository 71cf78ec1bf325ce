using System.Globalization;
using Anna.Core.Vocabulary;
using Anna.Server.Notifications;
using Anna.Server.Persistence;
using Anna.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Anna.Server.Api;

/// <summary>
/// <c>GET /api/v1/webhooks/deliveries?state=dead</c>: the webhook deliveries, newest first (the
/// dead letters with <c>state=dead</c>); <c>POST /api/v1/webhooks/deliveries/{id}/retry</c> sends a
/// dead letter again. Admin only: the bodies carry what the events say, the URLs where they go.
/// </summary>
public static class WebhooksApi
{
    public static IEndpointRouteBuilder MapWebhooksApi(this IEndpointRouteBuilder api)
    {
        api.MapGet("/webhooks/deliveries", ListAsync).RequireAuthorization(AnnaPolicies.Admin);
        api.MapPost("/webhooks/deliveries/{id}/retry", RetryAsync).RequireAuthorization(AnnaPolicies.Admin);
        return api;
    }

    public static async Task<Results<Ok<IReadOnlyList<WebhookDeliveryDto>>, ValidationProblem>> ListAsync(
        string? state, string? page, string? pageSize, EfWebhookOutbox outbox, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var p = Paging.Number(page, "page", 1, 1_000_000, 1, errors);
        var size = Paging.Number(pageSize, "pageSize", 1, EfWebhookOutbox.MaxPageSize, 50, errors);
        var wanted = Enum.GetValues<WebhookDeliveryState>().Cast<WebhookDeliveryState?>()
            .FirstOrDefault(s => EnumNames<WebhookDeliveryState>.ToName(s!.Value) == state);
        if (state is not null && wanted is null)
            errors["state"] = ["state is pending, delivered or dead"];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors, title: "Invalid webhook delivery query");
        var rows = await outbox.ListAsync(wanted, p, size, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<WebhookDeliveryDto>>([.. rows.Select(WebhookDeliveryDto.From)]);
    }

    public static async Task<Results<Accepted, ValidationProblem, ProblemHttpResult>> RetryAsync(
        string id, EfWebhookOutbox outbox, WebhookSender sender, CancellationToken cancellationToken)
    {
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["id"] = ["id is a delivery id (a whole number from 1)"] },
                title: "Invalid delivery id");
        if (!await outbox.RetryAsync(number, cancellationToken))
            return TypedResults.Problem($"There is no dead webhook delivery #{number}.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
        sender.Wake();
        return TypedResults.Accepted($"/api/v1/webhooks/deliveries/{number}");
    }
}
