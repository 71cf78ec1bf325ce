using System.Text.RegularExpressions;
using Anna.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Anna.Server.Api;

/// <summary>API tokens for scripts and Prometheus (admin only): create (shown once), list, revoke.</summary>
public static partial class TokensApi
{
    public static IEndpointRouteBuilder MapTokensApi(this IEndpointRouteBuilder api)
    {
        var tokens = api.MapGroup("/tokens").RequireAuthorization(AnnaPolicies.Admin);
        tokens.MapGet("", ListAsync);
        tokens.MapPost("", CreateAsync);
        tokens.MapDelete("/{id}", RevokeAsync);
        return api;
    }

    public static async Task<Ok<IReadOnlyList<ApiTokenDto>>> ListAsync(ApiTokens tokens, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<ApiTokenDto>>((await tokens.ListAsync(cancellationToken)).Select(ApiTokenDto.From).ToList());

    public static async Task<Results<Created<CreatedTokenDto>, ValidationProblem>> CreateAsync(
        CreateTokenRequest body, HttpContext http, ApiTokens tokens, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (body.Name is null || !ValidName().IsMatch(body.Name))
            errors["name"] = ["name is 1 to 64 letters, digits, '.', '_' or '-'"];
        if (!Enum.TryParse<AnnaRole>(body.Role, ignoreCase: true, out var role) || !Enum.IsDefined(role) || body.Role!.Any(char.IsDigit))
            errors["role"] = ["role is viewer, operator or admin"];
        if (body.ExpiresInDays is < 1 or > 3650)
            errors["expiresInDays"] = ["expiresInDays is between 1 and 3650 (leave it out for a token that does not expire)"];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors, title: "Invalid token request");
        var by = AnnaIdentity.From(http.User)!.Name;
        var (token, secret) = await tokens.CreateAsync(body.Name!, role, body.ExpiresInDays is { } days ? TimeSpan.FromDays(days) : null, by, cancellationToken);
        return TypedResults.Created($"/api/v1/tokens/{token.Id}", new CreatedTokenDto(ApiTokenDto.From(token), secret));
    }

    public static async Task<Results<NoContent, NotFound<ProblemDetails>, ValidationProblem>> RevokeAsync(string id, ApiTokens tokens, CancellationToken cancellationToken)
    {
        if (!long.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var tokenId) || tokenId < 1)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["id"] = ["id is a positive whole number"] });
        return await tokens.RevokeAsync(tokenId, cancellationToken)
            ? TypedResults.NoContent()
            : TypedResults.NotFound(new ProblemDetails { Title = "No such token", Detail = $"No active token has id {tokenId}.", Status = 404 });
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex ValidName();
}
