using Anna.Server.Tests.Api;
using Microsoft.AspNetCore.Hosting;

namespace Anna.Server.Tests.Security;

/// <summary>An Anna that allows three state changes per identity in a two-second window.</summary>
public sealed class RateLimitedAppFactory : NoSystemdAppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Anna:RateLimits:StateChangesPerMinute", "3");
        builder.UseSetting("Anna:RateLimits:WindowSeconds", "2");
    }
}
