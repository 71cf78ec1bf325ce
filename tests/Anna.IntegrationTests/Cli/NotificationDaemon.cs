using System.Diagnostics;
using System.Text.Json;
using Anna.Core.Linux.Processes;

namespace Anna.IntegrationTests.Cli;

/// <summary>
/// A desktop's notification server for a test: a private D-Bus session bus (dbus-daemon) with
/// python-dbusmock's notification_daemon template on it. It records every Notify call, and can
/// send ActionInvoked as if the person clicked a button. Both processes go on dispose.
/// </summary>
internal sealed class NotificationDaemon : IDisposable
{
    // Debian's python with its dbus and dbusmock modules, whatever python is first on PATH.
    private const string Python = "/usr/bin/python3";

    private static readonly ProcessRunner Runner = new();

    private readonly DirectoryInfo _directory;
    private readonly Process _bus;
    private readonly Process _mock;

    private NotificationDaemon(DirectoryInfo directory, Process bus, Process mock)
    {
        _directory = directory;
        _bus = bus;
        _mock = mock;
    }

    public string Address => $"unix:path={Path.Combine(_directory.FullName, "bus")}";

    public sealed record Notification(uint Id, string AppName, string Summary, string Body, IReadOnlyList<string> Actions, byte Urgency);

    public static async Task<NotificationDaemon> StartAsync()
    {
        var directory = Directory.CreateTempSubdirectory("anna-desktop-");
        var socket = Path.Combine(directory.FullName, "bus");
        var bus = Process.Start(new ProcessStartInfo("dbus-daemon")
        {
            ArgumentList = { "--session", "--nofork", $"--address=unix:path={socket}" },
            UseShellExecute = false,
            RedirectStandardOutput = true,
        })!;
        for (var waited = 0; !File.Exists(socket); waited += 20)
        {
            if (waited > 10_000 || bus.HasExited)
                throw new InvalidOperationException("dbus-daemon did not start its session bus");
            await Task.Delay(20);
        }
        var start = new ProcessStartInfo(Python)
        {
            ArgumentList = { "-m", "dbusmock", "--template", "notification_daemon" },
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["DBUS_SESSION_BUS_ADDRESS"] = $"unix:path={socket}";
        var mock = Process.Start(start)!;
        var daemon = new NotificationDaemon(directory, bus, mock);
        // On the bus once it answers for the notification service.
        for (var waited = 0; (await daemon.ScriptAsync("calls")).ExitCode != 0; waited += 100)
        {
            if (waited > 15_000 || mock.HasExited)
            {
                daemon.Dispose();
                throw new InvalidOperationException("python-dbusmock's notification daemon did not come up (is python3-dbusmock installed?)");
            }
            await Task.Delay(100);
        }
        return daemon;
    }

    /// <summary>Every Notify call so far, in order; the server's ids count from 1.</summary>
    public async Task<IReadOnlyList<Notification>> NotificationsAsync()
    {
        var result = await ScriptAsync("calls");
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"could not read the notifications: {result.Excerpt()}");
        using var calls = JsonDocument.Parse(result.StandardOutput);
        return [.. calls.RootElement.EnumerateArray().Select((c, i) => new Notification(
            (uint)(i + 1), c[0].GetString()!, c[3].GetString()!, c[4].GetString()!,
            [.. c[5].EnumerateArray().Select(a => a.GetString()!)], (byte)c[6].GetInt32()))];
    }

    /// <summary>As if the person clicked the button <paramref name="key"/> of notification <paramref name="id"/>.</summary>
    public async Task ClickAsync(uint id, string key)
    {
        var result = await ScriptAsync("click", id.ToString(System.Globalization.CultureInfo.InvariantCulture), key);
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"could not click {key}: {result.Excerpt()}");
    }

    private const string Script = """
        import dbus, json, sys
        bus = dbus.SessionBus()
        mock = dbus.Interface(bus.get_object("org.freedesktop.Notifications", "/org/freedesktop/Notifications"), "org.freedesktop.DBus.Mock")
        if sys.argv[1] == "calls":
            out = []
            for _, args in mock.GetMethodCalls("Notify"):
                out.append([str(args[0]), int(args[1]), str(args[2]), str(args[3]), str(args[4]),
                            [str(a) for a in args[5]], int(args[6].get("urgency", 1))])
            print(json.dumps(out))
        else:
            mock.EmitSignal("org.freedesktop.Notifications", "ActionInvoked", "us", [dbus.UInt32(int(sys.argv[2])), sys.argv[3]])
        """;

    private Task<ProcessResult> ScriptAsync(params string[] args) =>
        Runner.RunAsync(Python, ["-c", Script, .. args], TimeSpan.FromSeconds(20), CancellationToken.None,
            new Dictionary<string, string> { ["DBUS_SESSION_BUS_ADDRESS"] = Address });

    public void Dispose()
    {
        foreach (var process in new[] { _mock, _bus })
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    process.WaitForExit(10_000);
                }
            }
            catch (InvalidOperationException)
            {
            }
            process.Dispose();
        }
        _directory.Delete(recursive: true);
    }
}
