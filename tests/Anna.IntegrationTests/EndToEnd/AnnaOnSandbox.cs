using Anna.IntegrationTests.Systemd;

namespace Anna.IntegrationTests.EndToEnd;

/// <summary>
/// One Anna host watching the shared sandboxed systemd with a given policy, the test's own hands
/// on that systemd, and a client for Anna's doors. Starts from a manager with no failed units.
/// </summary>
internal sealed class AnnaOnSandbox : IAsyncDisposable
{
    private AnnaOnSandbox(AnnaAppFactory factory, UnitDriver units)
    {
        Factory = factory;
        Units = units;
        Client = new AnnaClient(factory.CreateClient());
    }

    public AnnaAppFactory Factory { get; }

    public UnitDriver Units { get; }

    public AnnaClient Client { get; }

    public static async Task<AnnaOnSandbox> StartAsync(SystemdSandboxFixture systemd, string policyToml)
    {
        var units = await UnitDriver.ConnectAsync(systemd.Sandbox);
        await units.ResetAllFailedAsync();
        var anna = new AnnaOnSandbox(new AnnaAppFactory(systemd.Sandbox.BusAddress, policyToml), units);
        await Eventually.HoldsAsync(() => anna.Client.HealthAsync(),
            h => h.GetProperty("watching").TryGetProperty("systemd", out var s) && s.GetString() == "connected",
            "Anna to connect to the sandboxed systemd");
        return anna;
    }

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Units.DisposeAsync();
    }
}
