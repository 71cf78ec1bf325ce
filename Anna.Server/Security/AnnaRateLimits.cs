using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Anna.Server.Security;

/// <summary>
/// ASP.NET Core's rate limiter, two ways: state changes per identity (a runaway script cannot
/// flood the engine), and sign-in attempts per peer address (link guessing is slowed down as
/// well as hopeless). A refusal is 429 with Retry-After, audited like any refusal.
/// </summary>
public static class AnnaRateLimits
{
    public const string SignIn = "sign-in";

    public static void Configure(RateLimiterOptions limiter, IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<RateLimitOptions>>().Value;
        limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
        {
            var method = context.Request.Method;
            if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || !context.Request.Path.StartsWithSegments("/api"))
                return RateLimitPartition.GetNoLimiter("reads");
            var who = AnnaIdentity.From(context.User)?.Name ?? "anonymous@" + context.Connection.RemoteIpAddress;
            return RateLimitPartition.GetFixedWindowLimiter(who, _ => Window(options.StateChangesPerMinute, options.WindowSeconds));
        });
        limiter.AddPolicy(SignIn, context => RateLimitPartition.GetFixedWindowLimiter(
            context.Connection.RemoteIpAddress?.ToString() ?? "local", _ => Window(options.SignInsPerMinute, options.WindowSeconds)));
        limiter.OnRejected = async (rejected, cancellationToken) =>
        {
            var retry = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
            var seconds = (int)Math.Ceiling(retry.TotalSeconds);
            rejected.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            await Results.Problem($"Too many requests; try again in {seconds} s.", statusCode: StatusCodes.Status429TooManyRequests,
                title: "Rate limit").ExecuteAsync(rejected.HttpContext);
        };
        limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
    }

    private static FixedWindowRateLimiterOptions Window(int permits, int seconds) => new()
    {
        PermitLimit = Math.Max(1, permits),
        Window = TimeSpan.FromSeconds(Math.Max(1, seconds)),
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}
