using System.Net;
using Anna.IntegrationTests.EndToEnd;
using Anna.Server.Security;
using Microsoft.Playwright;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Anna.IntegrationTests.Browser;

/// <summary>
/// The real Anna host served by Kestrel on a loopback port the kernel picks, so a separate
/// process (a browser) can connect to it. Same Program and services as <see cref="AnnaAppFactory"/>.
/// </summary>
internal sealed class LoopbackAnna : IAsyncDisposable
{
    private readonly AnnaAppFactory _factory;
    private readonly HttpClient _http;

    private LoopbackAnna(AnnaAppFactory factory, Uri baseAddress)
    {
        _factory = factory;
        BaseAddress = baseAddress;
        _http = new HttpClient { BaseAddress = baseAddress };
        _http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", factory.AdminToken);
        Client = new AnnaClient(_http);
    }

    /// <summary>Where Kestrel listens, e.g. http://127.0.0.1:40123/.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Anna's REST and metrics, read over the same socket the browser uses.</summary>
    public AnnaClient Client { get; }

    /// <summary>The host's services, for what a test must see from inside (e.g. the healing switch).</summary>
    public IServiceProvider Services => _factory.Services;

    /// <summary>The healing.toml this Anna runs on.</summary>
    public string PolicyPath => _factory.PolicyPath;

    public static LoopbackAnna Start(string busAddress, string policyToml)
    {
        var factory = new AnnaAppFactory(busAddress, policyToml);
        try
        {
            factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
            factory.StartServer();
            var addresses = factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
            var address = Assert.Single(addresses);
            return new LoopbackAnna(factory, new Uri(address.EndsWith('/') ? address : address + "/"));
        }
        catch
        {
            factory.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Signs <paramref name="page"/> in the way a person does: a one-time link from Anna's own link
    /// service (the socket's <c>POST /api/v1/auth/login-link</c> hands out the same), opened in the browser.
    /// </summary>
    public async Task SignInAsync(IPage page, AnnaRole role = AnnaRole.Admin, string user = "root")
    {
        var (secret, _) = Services.GetRequiredService<SignInLinks>().Issue(new AnnaIdentity(user, role, AnnaDoor.Socket));
        await page.GotoAsync(new Uri(BaseAddress, $"auth/login?token={secret}").ToString());
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _factory.DisposeAsync();
    }
}
