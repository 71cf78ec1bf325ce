using System.Net;
using Anna.Core.Engine;
using Anna.IntegrationTests.Browser;
using Anna.Server.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Anna.IntegrationTests.Security;

/// <summary>
/// The browser door in Debian's Chromium against a real Anna on loopback: a one-time link signs in
/// (once only), a viewer sees no action, sign-out ends it, a page of another origin cannot make the
/// signed-in browser change anything, and a rebinding Host header is refused.
/// </summary>
public sealed class BrowserDoorTests : IAsyncLifetime
{
    private readonly DirectoryInfo _noBus = Directory.CreateTempSubdirectory("anna-door-");
    private LoopbackAnna _anna = null!;
    private ChromiumPage _browser = null!;

    private IPage Page => _browser.Page;

    public async Task InitializeAsync()
    {
        _anna = LoopbackAnna.Start($"unix:path={Path.Combine(_noBus.FullName, "no-bus")}", "[healing]\npolicy = \"supervised\"\n");
        _browser = await ChromiumPage.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        await _anna.DisposeAsync();
        _noBus.Delete(recursive: true);
    }

    [Fact]
    public async Task A_link_signs_a_viewer_in_once_who_sees_no_actions_and_signing_out_ends_it()
    {
        var link = Link("vera", AnnaRole.Viewer);
        await Page.GotoAsync(link);
        await Expect(Page.Locator("[data-interactive=true]")).ToHaveCountAsync(1, new() { Timeout = 20_000 });
        await Expect(Page.Locator("[data-testid=signed-in-as]")).ToContainTextAsync("vera (viewer)");
        await Expect(Page.Locator("[data-testid=heal-selected]")).ToHaveCountAsync(0);
        await Page.GotoAsync(new Uri(_anna.BaseAddress, "settings").ToString());
        await Expect(Page.Locator("[data-testid=settings-read-only]")).ToHaveCountAsync(1, new() { Timeout = 20_000 });

        var again = await Page.GotoAsync(link);
        Assert.Equal((int)HttpStatusCode.Unauthorized, again!.Status);

        await Page.GotoAsync(_anna.BaseAddress.ToString());
        await Expect(Page.Locator("[data-interactive=true]")).ToHaveCountAsync(1, new() { Timeout = 20_000 });
        await Page.Locator("[data-testid=sign-out]").ClickAsync();
        await Expect(Page.Locator("text=annactl dashboard")).ToHaveCountAsync(1, new() { Timeout = 20_000 });
        var after = await Page.GotoAsync(_anna.BaseAddress.ToString());
        Assert.Equal((int)HttpStatusCode.Unauthorized, after!.Status);
    }

    [Fact]
    public async Task A_page_of_another_origin_cannot_use_the_signed_in_browser_to_change_anything()
    {
        await Page.GotoAsync(Link("otto", AnnaRole.Operator));
        await Expect(Page.Locator("[data-testid=signed-in-as]")).ToContainTextAsync("otto (operator)", new() { Timeout = 20_000 });
        using var foreign = new ForeignSite(_anna.BaseAddress);

        // The foreign page fetches, then posts its form: wait until the browser shows Anna's answer to the post.
        var answered = Page.WaitForResponseAsync(r => r.Url.Contains("/api/v1/healing/disable", StringComparison.Ordinal)
            && r.Request.ResourceType == "document", new() { Timeout = 60_000 });
        var response = await Page.GotoAsync(foreign.Address.ToString(), new() { WaitUntil = WaitUntilState.Commit });
        Assert.Equal(200, response!.Status);
        var post = await answered;

        Assert.Equal(403, post.Status);
        Assert.Contains("Cross-site request refused", await post.TextAsync());
        Assert.True(_anna.Services.GetRequiredService<HealingSwitch>().Enabled, "a cross-site request switched healing off");
    }

    [Fact]
    public async Task A_rebinding_Host_header_is_refused()
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_anna.BaseAddress, "healthz"));
        request.Headers.Host = "evil.example";
        Assert.Equal(HttpStatusCode.BadRequest, (await http.SendAsync(request)).StatusCode);
    }

    private string Link(string user, AnnaRole role)
    {
        var (secret, _) = _anna.Services.GetRequiredService<SignInLinks>().Issue(new AnnaIdentity(user, role, AnnaDoor.Socket));
        return new Uri(_anna.BaseAddress, $"auth/login?token={secret}").ToString();
    }
}
