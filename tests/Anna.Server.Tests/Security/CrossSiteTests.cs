using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Anna.Core.Engine;
using Anna.Server.Security;
using Anna.Server.Tests.Api;
using Microsoft.Extensions.DependencyInjection;

namespace Anna.Server.Tests.Security;

/// <summary>
/// The browser door: a one-time link becomes a session cookie once; with that cookie, a request
/// from another site (Origin, Sec-Fetch-Site) or a change without the session's anti-forgery token
/// is refused and changes nothing; sign-out ends the session.
/// </summary>
public sealed class CrossSiteTests(NoSystemdAppFactory factory) : IClassFixture<NoSystemdAppFactory>
{
    [Fact]
    public async Task A_sign_in_link_works_once_and_the_session_is_the_linked_user()
    {
        var (secret, _) = factory.Services.GetRequiredService<SignInLinks>().Issue(new AnnaIdentity("erin", AnnaRole.Viewer, AnnaDoor.Socket));
        using var browser = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        browser.DefaultRequestHeaders.Authorization = null;
        var first = await browser.GetAsync($"/auth/login?token={secret}");
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var again = await browser.GetAsync($"/auth/login?token={secret}");
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
        Assert.False(again.Headers.Contains("Set-Cookie"));

        browser.DefaultRequestHeaders.Add("Cookie", Assert.Single(first.Headers.GetValues("Set-Cookie")).Split(';')[0]);
        var me = await browser.GetFromJsonAsync<JsonElement>("/api/v1/auth/me");
        Assert.Equal("erin", me.GetProperty("name").GetString());
        Assert.Equal("viewer", me.GetProperty("role").GetString());
        Assert.Equal("cookie", me.GetProperty("door").GetString());
    }

    [Theory]
    [InlineData("Origin", "http://evil.example")]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Sec-Fetch-Site", "same-site")]
    public async Task A_cross_site_request_with_the_cookie_is_refused_and_changes_nothing(string header, string value)
    {
        var (browser, _, csrf) = await Callers.SignedInBrowserAsync(factory, AnnaRole.Operator);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/healing/disable");
        request.Headers.Add(header, value);
        request.Headers.Add(CrossSiteGuard.CsrfHeader, csrf);
        request.Content = new StringContent("", System.Text.Encoding.UTF8, "text/plain");

        Assert.Equal(HttpStatusCode.Forbidden, (await browser.SendAsync(request)).StatusCode);
        Assert.True(factory.Services.GetRequiredService<HealingSwitch>().Enabled);
    }

    [Fact]
    public async Task A_change_needs_the_sessions_anti_forgery_token_and_works_with_it()
    {
        var (browser, _, csrf) = await Callers.SignedInBrowserAsync(factory, AnnaRole.Operator);
        var healing = factory.Services.GetRequiredService<HealingSwitch>();
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.PostAsync("/api/v1/healing/disable", null)).StatusCode);
        Assert.True(healing.Enabled);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/healing/disable");
        request.Headers.Add("Origin", "http://localhost");
        request.Headers.Add(CrossSiteGuard.CsrfHeader, csrf);
        Assert.Equal(HttpStatusCode.OK, (await browser.SendAsync(request)).StatusCode);
        Assert.False(healing.Enabled);
        await healing.SetAsync(true, "tests", CancellationToken.None);
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        var (browser, _, _) = await Callers.SignedInBrowserAsync(factory, AnnaRole.Viewer);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/v1/health")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostAsync("/auth/logout", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/v1/health")).StatusCode);
    }
}
