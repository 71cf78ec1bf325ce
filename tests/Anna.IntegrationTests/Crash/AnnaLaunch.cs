using Anna.Core.Rollback;
using Anna.Core.Vocabulary;

namespace Anna.IntegrationTests.Crash;

/// <summary>
/// How to start one Anna process: the systemd bus it watches, the probes it runs, and any other
/// host settings (e.g. a fault to hold at). The state it runs on is separate, so the same state can
/// be started again with other settings.
/// </summary>
internal sealed record AnnaLaunch(string BusAddress, IReadOnlyList<string> Probes, IReadOnlyDictionary<string, string> Settings)
{
    /// <summary>Watching only the sandboxed systemd, never this machine's packages, disks or logs.</summary>
    public static AnnaLaunch OnSandbox(string busAddress) => new(busAddress, ["failed_services"], new Dictionary<string, string>());

    public AnnaLaunch With(string key, string value) =>
        this with { Settings = new Dictionary<string, string>(Settings) { [key] = value } };

    /// <summary>Every action holds at <paramref name="point"/>, long enough for the test to kill the process there.</summary>
    public AnnaLaunch HoldingAt(FaultPoint point, int seconds = 300) =>
        With("Anna:Faults:HoldAt", EnumNames<FaultPoint>.ToName(point)).With("Anna:Faults:HoldSeconds", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The settings as the environment variables the host reads (ANNA__Section__Key).</summary>
    public IEnumerable<KeyValuePair<string, string>> Environment(AnnaStateDirectory state)
    {
        yield return new("ANNA__DataDir", state.DataDirectory);
        yield return new("ANNA__HealingConfig", state.PolicyPath);
        yield return new("ANNA__Systemd__BusAddress", BusAddress);
        yield return new("ANNA__Socket", state.SocketPath);
        for (var i = 0; i < Probes.Count; i++)
            yield return new($"ANNA__Probes__{i}", Probes[i]);
        // Configuration keys are case-insensitive: Anna:Faults:HoldAt is read from Anna__Faults__HoldAt.
        foreach (var (key, value) in Settings)
            yield return new(key.Replace(":", "__", StringComparison.Ordinal), value);
    }
}
