using System.Diagnostics;

namespace Anna.Bench;

/// <summary>
/// The anchor for memory and start-up figures: an empty ASP.NET Core app (one /healthz endpoint,
/// the SDK's defaults), built in a temporary directory with the same SDK and runtime as Anna.
/// What Anna costs above it is what Anna's own code and packages cost.
/// </summary>
internal sealed class EmptyWebApp : IDisposable
{
    private const string Project = """
        <Project Sdk="Microsoft.NET.Sdk.Web">
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
            <ImplicitUsings>enable</ImplicitUsings>
            <InvariantGlobalization>true</InvariantGlobalization>
          </PropertyGroup>
        </Project>
        """;

    private const string Program = """
        var app = WebApplication.CreateBuilder(args).Build();
        app.MapGet("/healthz", () => "ok");
        app.Run();
        """;

    private readonly DirectoryInfo _root;

    private EmptyWebApp(DirectoryInfo root) => _root = root;

    public string Dll => Path.Combine(_root.FullName, "out", "empty.dll");

    public static async Task<EmptyWebApp> BuildAsync(CancellationToken cancellationToken)
    {
        var root = Directory.CreateTempSubdirectory("anna-bench-empty-");
        var app = new EmptyWebApp(root);
        try
        {
            await File.WriteAllTextAsync(Path.Combine(root.FullName, "empty.csproj"), Project, cancellationToken);
            await File.WriteAllTextAsync(Path.Combine(root.FullName, "Program.cs"), Program, cancellationToken);
            var build = new ProcessStartInfo(AnnaProcess.DotnetHost())
            {
                ArgumentList = { "build", "-c", "Release", "-o", Path.Combine(root.FullName, "out"), "-nologo", "-v", "q" },
                WorkingDirectory = root.FullName,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(build)!;
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var errors = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            if (process.ExitCode != 0 || !File.Exists(app.Dll))
                throw new InvalidOperationException($"building the empty web app failed ({process.ExitCode}):\n{await output}\n{await errors}");
            return app;
        }
        catch
        {
            app.Dispose();
            throw;
        }
    }

    /// <summary>Starts it on a free loopback port; the caller times /healthz and disposes the process.</summary>
    public (Process Process, Uri Healthz, Stopwatch SinceStart) Start(IReadOnlyDictionary<string, string> environment)
    {
        var url = $"http://127.0.0.1:{AnnaProcess.FreePort()}";
        var start = AnnaProcess.Command(Dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(url);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        var sinceStart = Stopwatch.StartNew();
        var process = Process.Start(start)!;
        // Drained so a full pipe never blocks it.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return (process, new Uri(url + "/healthz"), sinceStart);
    }

    public void Dispose() => _root.Delete(recursive: true);
}
