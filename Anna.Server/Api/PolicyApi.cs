using System.Text.Json;
using System.Text.Json.Nodes;
using Anna.Core.Policy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Anna.Server.Api;

/// <summary>
/// The policy as an editable resource. A PUT goes through healing.toml like an edit by hand:
/// validated by the file's parser, written in place keeping comments, then reloaded, by the same
/// <see cref="IPolicyEditor"/> the dashboard's Settings page uses.
/// </summary>
public static class PolicyApi
{
    public static IEndpointRouteBuilder MapPolicyApi(this IEndpointRouteBuilder api)
    {
        api.MapGet("/policy", GetPolicy).WithName("GetPolicy");
        api.MapPut("/policy", PutPolicy).WithName("PutPolicy").RequireAuthorization(Anna.Server.Security.AnnaPolicies.Admin);
        return api;
    }

    public static Ok<JsonObject> GetPolicy(IHealingConfig config) => TypedResults.Ok(PolicyJson.Policy(config));

    public static async Task<Results<Ok<JsonObject>, ValidationProblem, ProblemHttpResult>> PutPolicy(
        HttpRequest request, HttpContext http, IHealingConfig config, IPolicyEditor editor, IOptions<JsonOptions> json,
        CancellationToken cancellationToken)
    {
        // Read here rather than bound by the framework, so a body that is not JSON, or has a value
        // of the wrong type, gets a ProblemDetails that says what is wrong and where.
        // The host's strict reading (no duplicate keys, bounded depth) applies here too.
        JsonElement body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body, json.Value.SerializerOptions, cancellationToken);
        }
        catch (JsonException e)
        {
            return BadJson(e);
        }
        if (body.ValueKind != JsonValueKind.Object)
            return TypedResults.Problem("The body must be a JSON object with the policy fields to change.", statusCode: StatusCodes.Status400BadRequest, title: "Invalid policy");

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var update = PolicyJson.Read(body, errors);
        if (errors.Count > 0)
            return Invalid(errors);

        var result = await editor.EditAsync(update, RequestIdentity.Of(http), cancellationToken);
        switch (result.Outcome)
        {
            case PolicyEditOutcome.Written:
                return TypedResults.Ok(PolicyJson.Policy(config));
            case PolicyEditOutcome.Invalid:
                foreach (var group in result.Errors.GroupBy(PolicyJson.FieldOf))
                    errors[group.Key] = [.. group.Select(e => e.Message)];
                return Invalid(errors);
            default:
                return TypedResults.Problem(result.Reason, statusCode: StatusCodes.Status409Conflict, title: "The policy file cannot be written");
        }
    }

    private static ValidationProblem Invalid(Dictionary<string, string[]> errors) => TypedResults.ValidationProblem(errors,
        detail: string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")), title: "Invalid policy");

    private static ProblemHttpResult BadJson(JsonException e)
    {
        // "$.schedule.preferredHours[0]" names the field the way validation errors do.
        var field = e.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : null;
        var detail = field is null ? $"The body is not acceptable JSON: {e.Message}" : $"{field}: {e.Message}";
        var extensions = field is null ? null : new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [detail] } };
        return TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid policy", extensions: extensions);
    }
}
