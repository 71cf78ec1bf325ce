using System.Text.Json.Nodes;
using Anna.Core.Policy;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Anna.Server.Api;

/// <summary>The policy in force and the state of the policy file.</summary>
public static class ConfigApi
{
    public static IEndpointRouteBuilder MapConfigApi(this IEndpointRouteBuilder api)
    {
        api.MapGet("/config", GetConfig).WithName("GetConfig");
        return api;
    }

    public static Ok<JsonObject> GetConfig(IHealingConfig config) => TypedResults.Ok(PolicyJson.Config(config));
}
