using System.Net;
using Anna.IntegrationTests.EndToEnd;
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
        Client = new AnnaClient(_http);
    }

    /// <summary>Where Kestrel listens, e.g. http://127.0.0.1:40123/.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Anna's REST and metrics, read over the same socket the browser uses.</summary>
    public AnnaClient Client { get; }

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

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _factory.DisposeAsync();
    }
}
