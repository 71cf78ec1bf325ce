using Anna.Server.Security;
using Microsoft.Extensions.DependencyInjection;
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
    private readonly DirectoryInfo _root;
    private bool _ownsRoot = true;

    /// <param name="stateDirectory">Reuse the state of an earlier host (see <see cref="HandOverState"/>).</param>
    public AnnaAppFactory(string busAddress, string policyToml, string? stateDirectory = null)
    {
        _busAddress = busAddress;
        _root = stateDirectory is null ? Directory.CreateTempSubdirectory("anna-e2e-") : new DirectoryInfo(stateDirectory);
        PolicyPath = Path.Combine(_root.FullName, "healing.toml");
        File.WriteAllText(PolicyPath, policyToml);
        File.SetUnixFileMode(PolicyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
    }

    public string PolicyPath { get; }

    /// <summary>
    /// Leaves this host's policy file and database behind when it is disposed, for a new factory
    /// that restarts Anna on the same state (and then owns the directory).
    /// </summary>
    public string HandOverState()
    {
        _ownsRoot = false;
        return _root.FullName;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Anna:DataDir", Path.Combine(_root.FullName, "data"));
        builder.UseSetting("Anna:HealingConfig", PolicyPath);
        builder.UseSetting("Anna:Systemd:BusAddress", _busAddress);
        // Watch the sandbox only: never this machine's packages, disks or logs.
        builder.UseSetting("Anna:Probes:0", "failed_services");
        // Nor are the machine's logged-in people (learned maintenance windows): no logind is asked.
        builder.UseSetting("Anna:Activity:BusAddress", "");
        // No socket for an in-memory server; clients sign in with an admin API token (see ConfigureClient).
        builder.UseSetting("Anna:Socket", "");
        builder.UseSetting("Anna:RateLimits:StateChangesPerMinute", "100000");
    }

    /// <summary>An admin API token made through Anna's own token service, the way an admin makes one.</summary>
    public string AdminToken => _adminToken ??= Services.GetRequiredService<ApiTokens>()
        .CreateAsync("tests", AnnaRole.Admin, lifetime: null, createdBy: "tests", CancellationToken.None).GetAwaiter().GetResult().Secret;

    private string? _adminToken;

    /// <summary>Clients of this host are signed in as an admin; a test of the doors makes its own.</summary>
    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AdminToken);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownsRoot && Directory.Exists(_root.FullName))
            _root.Delete(recursive: true);
    }
}
