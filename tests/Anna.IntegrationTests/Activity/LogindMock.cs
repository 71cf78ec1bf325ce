using System.Diagnostics;
using Anna.Core.Linux.Processes;

namespace Anna.IntegrationTests.Activity;

/// <summary>
/// A logind for a test: a private D-Bus bus (dbus-daemon) with python-dbusmock's <c>logind</c>
/// template on it, and a way to set who is logged in. Both processes go on dispose.
/// </summary>
internal sealed class LogindMock : IDisposable
{
    // Debian's python with its dbus and dbusmock modules, whatever python is first on PATH.
    private const string Python = "/usr/bin/python3";

    private static readonly ProcessRunner Runner = new();

    private readonly DirectoryInfo _directory;
    private readonly Process _bus;
    private readonly Process _mock;

    private LogindMock(DirectoryInfo directory, Process bus, Process mock)
    {
        _directory = directory;
        _bus = bus;
        _mock = mock;
    }

    public string Address => $"unix:path={Path.Combine(_directory.FullName, "bus")}";

    /// <summary>Why a logind mock cannot run here, or null when it can.</summary>
    public static string? Missing()
    {
        if (!File.Exists("/usr/bin/dbus-daemon"))
            return "dbus-daemon is not installed (Debian package dbus-daemon)";
        if (!File.Exists(Python))
            return $"{Python} is not installed";
        using var probe = Process.Start(new ProcessStartInfo(Python)
        {
            ArgumentList = { "-c", "import dbus, dbusmock.templates.logind" },
            UseShellExecute = false,
            RedirectStandardError = true,
        })!;
        var error = probe.StandardError.ReadToEnd();
        probe.WaitForExit();
        return probe.ExitCode == 0 ? null : $"{Python} has no dbus or dbusmock module (Debian package python3-dbusmock): {error.Trim()}";
    }

    public static async Task<LogindMock> StartAsync()
    {
        var directory = Directory.CreateTempSubdirectory("anna-logind-");
        var socket = Path.Combine(directory.FullName, "bus");
        var bus = Process.Start(new ProcessStartInfo("dbus-daemon")
        {
            // A session-type bus lets the mock own org.freedesktop.login1 without a system policy.
            ArgumentList = { "--session", "--nofork", $"--address=unix:path={socket}" },
            UseShellExecute = false,
            RedirectStandardOutput = true,
        })!;
        for (var waited = 0; !File.Exists(socket); waited += 20)
        {
            if (waited > 10_000 || bus.HasExited)
                throw new InvalidOperationException("dbus-daemon did not start its bus");
            await Task.Delay(20);
        }
        var start = new ProcessStartInfo(Python)
        {
            ArgumentList = { "-m", "dbusmock", "--template", "logind" },
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // The template is a system-bus one: the "system bus" of this mock is the private bus.
        start.Environment["DBUS_SYSTEM_BUS_ADDRESS"] = $"unix:path={socket}";
        start.Environment["DBUS_SESSION_BUS_ADDRESS"] = $"unix:path={socket}";
        var mock = Process.Start(start)!;
        // dbusmock logs every call it answers; a pipe nobody reads fills up and the mock stops answering.
        mock.BeginOutputReadLine();
        mock.BeginErrorReadLine();
        var logind = new LogindMock(directory, bus, mock);
        for (var waited = 0; (await logind.ScriptAsync("list")).ExitCode != 0; waited += 100)
        {
            if (waited > 15_000 || mock.HasExited)
            {
                logind.Dispose();
                throw new InvalidOperationException("python-dbusmock's logind did not come up");
            }
            await Task.Delay(100);
        }
        return logind;
    }

    /// <summary>
    /// Replaces every session: <paramref name="active"/> people at work, <paramref name="idle"/> logged in
    /// but idle (IdleHint), <paramref name="background"/> in the background of their seat (Active false),
    /// and <paramref name="greeters"/> login screens (Class greeter).
    /// </summary>
    public async Task SetSessionsAsync(int active, int idle, int background, int greeters)
    {
        string[] args = ["set", .. new[] { active, idle, background, greeters }.Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture))];
        var result = await ScriptAsync(args);
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"could not set the sessions: {result.Excerpt()}");
    }

    private const string Script = """
        import dbus, sys
        bus = dbus.SystemBus()
        root = bus.get_object("org.freedesktop.login1", "/org/freedesktop/login1")
        mock = dbus.Interface(root, "org.freedesktop.DBus.Mock")
        manager = dbus.Interface(root, "org.freedesktop.login1.Manager")
        sessions = manager.ListSessions()
        if sys.argv[1] == "list":
            print(len(sessions))
            sys.exit(0)
        for s in sessions:
            mock.RemoveObject(s[4])
        active, idle, background, greeters = (int(a) for a in sys.argv[2:6])
        n = 0
        def add(foreground, idle_hint, cls):
            global n
            n += 1
            path = mock.AddSession("c%d" % n, "seat0", dbus.UInt32(1000 + n), "user%d" % n, foreground)
            session = dbus.Interface(bus.get_object("org.freedesktop.login1", path), "org.freedesktop.DBus.Mock")
            session.UpdateProperties("org.freedesktop.login1.Session", {"IdleHint": dbus.Boolean(idle_hint), "Class": cls})
        for _ in range(active): add(True, False, "user")
        for _ in range(idle): add(True, True, "user")
        for _ in range(background): add(False, False, "user")
        for _ in range(greeters): add(True, False, "greeter")
        """;

    private Task<ProcessResult> ScriptAsync(params string[] args) =>
        Runner.RunAsync(Python, ["-c", Script, .. args], TimeSpan.FromSeconds(20), CancellationToken.None,
            new Dictionary<string, string> { ["DBUS_SYSTEM_BUS_ADDRESS"] = Address });

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
