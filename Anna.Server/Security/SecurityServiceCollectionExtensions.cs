using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Anna.Server.Security;

/// <summary>Registers every door's checks: identity, roles, sessions, tokens, host filter, rate limits, audit, strict JSON.</summary>
public static class SecurityServiceCollectionExtensions
{
    /// <summary>Largest request body Anna reads: its bodies are a few hundred bytes.</summary>
    public const long MaxBodyBytes = 64 * 1024;

    public static IServiceCollection AddAnnaSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RoleOptions>().Bind(configuration.GetSection(RoleOptions.Section))
            .Validate(o => o.Others is "viewer" or "none", "Anna:Roles:Others must be viewer or none").ValidateOnStart();
        services.AddOptions<SessionOptions>().Bind(configuration.GetSection(SessionOptions.Section))
            .Validate(o => o.IdleMinutes is >= 1 and <= 24 * 60 && o.AbsoluteHours is >= 1 and <= 24 * 30 && o.LinkSeconds is >= 10 and <= 600,
                "Anna:Sessions: IdleMinutes 1..1440, AbsoluteHours 1..720, LinkSeconds 10..600").ValidateOnStart();
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.Section))
            .Validate(o => o.StateChangesPerMinute is >= 1 and <= 100_000 && o.SignInsPerMinute is >= 1 and <= 10_000 && o.WindowSeconds is >= 1 and <= 3600,
                "Anna:RateLimits: StateChangesPerMinute 1..100000, SignInsPerMinute 1..10000, WindowSeconds 1..3600").ValidateOnStart();
        services.Configure<AnnaDashboardAddress>(a => a.BaseUri = AnnaDashboardAddress.From(configuration["urls"]));
        services.AddSingleton(new UnixAccounts());
        services.AddSingleton<RoleResolver>();
        services.AddSingleton<ApiTokens>();
        services.AddSingleton<SignInLinks>();
        services.AddSingleton<SignInSessions>();
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<Anna.Dashboard.Audit.IAuditLog, DashboardAuditLog>();
        services.AddAuthentication(AnnaIdentity.Scheme)
            .AddScheme<AuthenticationSchemeOptions, AnnaAuthenticationHandler>(AnnaIdentity.Scheme, null);
        services.AddAuthorization(AnnaPolicies.Add);
        services.AddCascadingAuthenticationState();
        services.AddRateLimiter(_ => { });
        services.AddSingleton<IConfigureOptions<RateLimiterOptions>>(sp =>
            new ConfigureOptions<RateLimiterOptions>(o => AnnaRateLimits.Configure(o, sp)));
        services.Configure<HostFilteringOptions>(o => o.AllowedHosts = AllowedHosts(configuration));
        services.Configure<JsonOptions>(o => Harden(o.SerializerOptions));
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        return services;
    }

    /// <summary>
    /// A body that says a key twice, names a field Anna does not have, or nests deeper than any
    /// real request is refused rather than half-understood.
    /// </summary>
    public static void Harden(JsonSerializerOptions options)
    {
        options.AllowDuplicateProperties = false;
        options.UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow;
        options.MaxDepth = 16;
    }

    /// <summary>Loopback names, the hosts the URLs name, and any in <c>Anna:AllowedHosts</c>; anything else is a rebinding attempt.</summary>
    private static List<string> AllowedHosts(IConfiguration configuration)
    {
        var hosts = new List<string> { "localhost", "127.0.0.1", "[::1]" };
        foreach (var url in (configuration["urls"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Host is { Length: > 0 } host && host is not ("*" or "+" or "0.0.0.0" or "[::]" or "unix"))
                hosts.Add(uri.HostNameType == UriHostNameType.IPv6 ? $"[{uri.Host.Trim('[', ']')}]" : host);
        }
        hosts.AddRange(configuration.GetSection("Anna:AllowedHosts").Get<string[]>() ?? []);
        return hosts.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }
}
