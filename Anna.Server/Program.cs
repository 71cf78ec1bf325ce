using Anna.Core.Linux.Systemd.Sandbox;
using Anna.Server.Api;
using Anna.Server.Configuration;
using Anna.Server.Demo;
using Anna.Server.Hosting;
using Anna.Server.Hosting.Journal;
using Anna.Server.Hubs;
using Anna.Server.Metrics;
using Anna.Server.Persistence;
using Anna.Server.Security;
using Prometheus;

// `--demo` starts a sandboxed systemd user manager with demo services and watches it instead of
// the machine, so Anna can be seen detecting and healing on any machine (containers, CI).
StartupClock.Mark("main");
var demo = args.Contains("--demo");
args = args.Where(a => a != "--demo").ToArray();

var builder = WebApplication.CreateBuilder(args);
BinaryAppSettings.AddAsDefaults(builder.Configuration);
builder.Host.UseSystemd();
// Structured entries to journald (journalctl -u anna ANNA_ACTION=restart_service) when run by systemd.
try
{
    builder.Logging.AddAnnaJournal(builder.Configuration);
}
catch (InvalidOperationException ex)
{
    await Console.Error.WriteLineAsync(ex.Message);
    return 2;
}
// Serve the dashboard's assets from the build output too (dotnet run, demo, tests), not only when published.
builder.WebHost.UseStaticWebAssets();

UserManagerSandbox? demoSandbox = null;
if (demo)
{
    try
    {
        demoSandbox = await DemoMode.StartAsync(builder.Configuration, Console.Error);
    }
    catch (SandboxUnavailableException ex)
    {
        await Console.Error.WriteLineAsync($"Demo mode cannot start its sandboxed systemd: {ex.Message}");
        return 1;
    }
}
await using var demoCleanup = demoSandbox;

// The Unix socket door: anyone on the machine may connect; the kernel's peer credentials decide.
var socketPath = builder.Configuration["Anna:Socket"];
var madeSocketDirectory = !string.IsNullOrEmpty(socketPath) && Path.IsPathFullyQualified(socketPath) && !Directory.Exists(Path.GetDirectoryName(socketPath));
if (!string.IsNullOrEmpty(socketPath))
{
    try
    {
        var socketUrl = UnixSocketDoor.Prepare(socketPath);
        builder.WebHost.UseUrls([.. (builder.Configuration["urls"] ?? "http://127.0.0.1:5170").Split(';', StringSplitOptions.RemoveEmptyEntries), socketUrl]);
    }
    catch (Exception ex) when (ex is InvalidOperationException or IOException or UnauthorizedAccessException)
    {
        await Console.Error.WriteLineAsync($"Anna cannot open its socket {socketPath}: {ex.Message}");
        return 2;
    }
}
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = SecurityServiceCollectionExtensions.MaxBodyBytes);

builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = BadRequestDetails.Describe);
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase);
builder.Services.AddAnna(builder.Configuration);
builder.Services.AddAnnaStore();
builder.Services.AddAnnaDashboard();
builder.Services.AddAnnaSecurity(builder.Configuration);
builder.Services.AddAnnaOpenApi();

StartupClock.Mark("configured");
await using var app = builder.Build();
StartupClock.Mark("built");
try
{
    await AnnaStartup.InitializeAsync(app.Services);
}
catch (HealingConfigException ex)
{
    await Console.Error.WriteLineAsync(ex.Message);
    foreach (var error in ex.Errors)
        await Console.Error.WriteLineAsync($"  {error}");
    return 2;
}
catch (StoreUnavailableException ex)
{
    await Console.Error.WriteLineAsync(ex.Message);
    return 2;
}

StartupClock.Mark("initialized");
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseMiddleware<SecurityHeaders>();
app.UseAuthentication();
app.UseMiddleware<AuditMiddleware>();
app.UseMiddleware<CrossSiteGuard>();
app.UseAuthorization();
app.UseRateLimiter();
app.MapGet("/healthz", () => TypedResults.Text("ok")).AllowAnonymous();
app.MapAnnaApi();
app.MapAnnaOpenApi();
app.MapHub<AnnaHub>("/hubs/anna").RequireAuthorization(AnnaPolicies.Viewer);
app.MapMetrics("/metrics", app.Services.GetRequiredService<AnnaMetrics>().Registry).RequireAuthorization(AnnaPolicies.Metrics);
app.MapAnnaDashboard().RequireAuthorization(AnnaPolicies.Viewer);
if (!string.IsNullOrEmpty(socketPath))
{
    app.Lifetime.ApplicationStarted.Register(() => UnixSocketDoor.OpenToLocalUsers(socketPath));
    app.Lifetime.ApplicationStopped.Register(() => UnixSocketDoor.Release(socketPath, madeSocketDirectory));
}
if (demo)
{
    // The person who started the demo is root at this terminal: hand them the way in.
    app.Lifetime.ApplicationStarted.Register(() => DemoMode.PrintSignInLink(app.Services, Console.Error));
}

StartupClock.Mark("mapped");
app.Lifetime.ApplicationStarted.Register(() =>
{
    StartupClock.Mark("serving");
    StartupClock.Report(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StartupClock).FullName!));
});
await app.RunAsync();
return 0;

/// <summary>Entry point; public so tests can host it with WebApplicationFactory.</summary>
public partial class Program;
