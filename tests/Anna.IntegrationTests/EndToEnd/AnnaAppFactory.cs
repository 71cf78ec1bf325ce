using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Anna.IntegrationTests.EndToEnd;

/// <summary>
/// The real Anna host (same Program, same services) pointed at a sandboxed systemd, with its
/// own data directory and policy file in a temporary directory that is removed afterwards.
/// </summary>
internal sealed class AnnaAppFactory : WebApplicationFactory<Program>
{
    private readonly string _busAddress;
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("anna-e2e-");

    public AnnaAppFactory(string busAddress, string policyToml)
    {
        _busAddress = busAddress;
        PolicyPath = Path.Combine(_root.FullName, "healing.toml");
        File.WriteAllText(PolicyPath, policyToml);
        File.SetUnixFileMode(PolicyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
    }

    public string PolicyPath { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Anna:DataDir", Path.Combine(_root.FullName, "data"));
        builder.UseSetting("Anna:HealingConfig", PolicyPath);
        builder.UseSetting("Anna:Systemd:BusAddress", _busAddress);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _root.Delete(recursive: true);
    }
}
