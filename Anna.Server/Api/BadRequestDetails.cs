using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace Anna.Server.Api;

/// <summary>
/// A body the framework could not bind (bad JSON, a key given twice, an unknown field, too deep,
/// too large) becomes a 400 whose detail says what is wrong, instead of a bare "Bad Request".
/// </summary>
internal static class BadRequestDetails
{
    public static void Describe(ProblemDetailsContext context)
    {
        var error = context.HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error;
        if (error is not BadHttpRequestException bad)
            return;
        context.ProblemDetails.Status = bad.StatusCode;
        context.HttpContext.Response.StatusCode = bad.StatusCode;
        context.ProblemDetails.Title = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request body too large" : "Invalid request body";
        context.ProblemDetails.Detail = bad.InnerException is JsonException json
            ? $"The body is not acceptable JSON: {json.Message}"
            : bad.Message;
    }
}
