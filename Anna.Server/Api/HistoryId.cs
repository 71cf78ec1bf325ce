using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Anna.Server.Api;

/// <summary>
/// The {id} of a history route, read by hand rather than bound, so that "abc" or "-1" is a
/// ProblemDetails naming the field instead of a bare 400 or a 404 from routing.
/// </summary>
internal static class HistoryId
{
    public static bool TryParse(string raw, out long id, out ValidationProblem invalid)
    {
        if (long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out id) && id > 0)
        {
            invalid = null!;
            return true;
        }
        invalid = TypedResults.ValidationProblem(
            new Dictionary<string, string[]> { ["id"] = [$"id must be a history id (a whole number from 1), not '{Shorten(raw)}'"] },
            title: "Invalid history id");
        return false;
    }

    public static ProblemHttpResult NotFound(long id) => TypedResults.Problem(
        $"There is no history entry #{id}.", statusCode: StatusCodes.Status404NotFound, title: "Not found",
        extensions: new Dictionary<string, object?> { ["id"] = id });

    // What the caller sent is echoed back; a long value is cut so the answer stays small.
    private static string Shorten(string raw) => raw.Length <= 32 ? raw : raw[..32] + "…";
}
