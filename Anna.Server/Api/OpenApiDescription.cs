using System.Text.Json.Nodes;
using Anna.Server.Security;
using Microsoft.OpenApi;

namespace Anna.Server.Api;

/// <summary>
/// The contract annactl and scripts use, described: an OpenAPI document of /api/v1 at
/// <c>/openapi/v1.json</c> (any signed-in viewer may read it), made from the endpoints themselves —
/// their parameters, request and response types, ProblemDetails for refusals — with the role each
/// operation needs in <c>x-anna-role</c> and its description.
/// </summary>
public static class OpenApiDescription
{
    public const string Route = "/openapi/{documentName}.json";
    public const string RoleExtension = "x-anna-role";

    public static IServiceCollection AddAnnaOpenApi(this IServiceCollection services) =>
        services.AddOpenApi("v1", options =>
        {
            options.ShouldInclude = d => d.RelativePath?.StartsWith("api/v1/", StringComparison.Ordinal) == true;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Anna";
                document.Info.Description = "Anna's REST API. Over the Unix socket the caller's Unix user decides the role; "
                    + "over TCP, a signed-in browser session or an API token (Authorization: Bearer). Refusals are ProblemDetails.";
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                var role = AnnaPolicies.Strictest(context.Description.ActionDescriptor.EndpointMetadata) ?? "none";
                operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
                operation.Extensions[RoleExtension] = new JsonNodeExtension(JsonValue.Create(role));
                operation.Description = role == AnnaPolicies.Socket
                    ? "Only on the Unix socket (the kernel vouches for the caller's user)."
                    : $"Needs the {role} role.";
                return Task.CompletedTask;
            });
        });

    public static IEndpointConventionBuilder MapAnnaOpenApi(this IEndpointRouteBuilder app) =>
        app.MapOpenApi(Route).RequireAuthorization(AnnaPolicies.Viewer);
}
