using Anna.Server.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Anna.Server.Tests.Api;

/// <summary>Anna hosted with a D-Bus address where nothing listens: it must still start and say what it cannot watch.</summary>
public class NoSystemdAppFactory : WebApplicationFactory<Program>
{
    private readonly DirectoryInfo _root;
    private readonly bool _ownsRoot;

    public NoSystemdAppFactory()
        : this(Directory.CreateTempSubdirectory("anna-api-"), ownsRoot: true)
    {
    }

    /// <param name="root">Where the host keeps its policy and data directory.</param>
    /// <param name="ownsRoot">False when the test keeps it past this host (a restart: the next host reads the same store).</param>
    protected NoSystemdAppFactory(DirectoryInfo root, bool ownsRoot)
    {
        _root = root;
        _ownsRoot = ownsRoot;
    }

    public string Root => _root.FullName;

    public string PolicyPath => Path.Combine(_root.FullName, "healing.toml");

    /// <summary>What healing.toml holds when Anna starts.</summary>
    protected virtual string InitialPolicy => "[healing]\npolicy = \"supervised\"\n";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        File.WriteAllText(PolicyPath, InitialPolicy);
        File.SetUnixFileMode(PolicyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        builder.UseSetting("Anna:DataDir", Path.Combine(_root.FullName, "data"));
        builder.UseSetting("Anna:HealingConfig", PolicyPath);
        builder.UseSetting("Anna:Systemd:BusAddress", $"unix:path={Path.Combine(_root.FullName, "no-bus")}");
        // The machine's packages, disks and logs are not this suite's business.
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
        if (_ownsRoot)
            _root.Delete(recursive: true);
    }
}
