using System.Net.Http.Headers;
using Anna.Server.Security;
using Anna.Server.Tests.Api;
using Microsoft.Extensions.DependencyInjection;

namespace Anna.Server.Tests.Security;

/// <summary>Clients of an in-memory Anna signed in as each kind of caller, through Anna's own token and link services.</summary>
internal static class Callers
{
    public static HttpClient Anonymous(NoSystemdAppFactory factory)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = null;
        return client;
    }

    public static HttpClient WithRole(NoSystemdAppFactory factory, AnnaRole role)
    {
        var client = Anonymous(factory);
        var (_, secret) = factory.Services.GetRequiredService<ApiTokens>()
            .CreateAsync($"test-{role}".ToLowerInvariant(), role, null, "tests", CancellationToken.None).GetAwaiter().GetResult();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    /// <summary>A browser-like client: a one-time link redeemed for a session cookie; returns the client and its CSRF token.</summary>
    public static async Task<(HttpClient Client, string Cookie, string Csrf)> SignedInBrowserAsync(NoSystemdAppFactory factory, AnnaRole role)
    {
        var (secret, _) = factory.Services.GetRequiredService<SignInLinks>().Issue(new AnnaIdentity("carol", role, AnnaDoor.Socket));
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Authorization = null;
        var login = await client.GetAsync($"/auth/login?token={secret}");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, login.StatusCode);
        var setCookie = Assert.Single(login.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);
        var cookie = setCookie.Split(';')[0];
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        var me = await client.GetStringAsync("/api/v1/auth/me");
        var csrf = System.Text.Json.JsonDocument.Parse(me).RootElement.GetProperty("csrfToken").GetString()!;
        return (client, cookie, csrf);
    }
}
