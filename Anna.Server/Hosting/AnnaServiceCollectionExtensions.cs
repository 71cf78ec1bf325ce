using Anna.Core.Actions;
using Anna.Core.Activity;
using Anna.Core.Linux.Logind;
using Anna.Core.Approvals;
using Anna.Core.Breaker;
using Anna.Core.Engine;
using Anna.Core.Events;
using Anna.Core.History;
using Anna.Core.Linux.Systemd;
using Anna.Core.Policy;
using Anna.Core.Probes;
using Anna.Core.Rollback;
using Anna.Core.Samples;
using Anna.Server.Configuration;
using Anna.Server.Hubs;
using Anna.Server.Notifications;
using Anna.Server.Metrics;
using Anna.Server.Persistence;
using Microsoft.Extensions.Options;

namespace Anna.Server.Hosting;

/// <summary>
/// The composition root's service list. Host settings are read lazily through IOptions so that
/// whoever builds the host (Program, tests) can set them before anything is created.
/// </summary>
public static class AnnaServiceCollectionExtensions
{
    public static IServiceCollection AddAnna(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AnnaHostOptions>().Bind(configuration.GetSection(AnnaHostOptions.Section));
        services.Configure<HostOptions>(host =>
            host.ShutdownTimeout = TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue($"{AnnaHostOptions.Section}:StopSeconds", 270))));
        services.AddSingleton(TimeProvider.System);

        services.AddSingleton<IHealingConfig>(sp => HealingConfigFactory.Create(sp));
        services.AddSingleton<PolicyEditJournal>();
        services.AddSingleton<IPolicyEditor, PolicyEditor>();
        services.AddSingleton<ISystemdManager>(sp => new SystemdDbusManager(
            sp.GetRequiredService<IOptions<AnnaHostOptions>>().Value.Systemd.BusAddress,
            sp.GetRequiredService<ILogger<SystemdDbusManager>>(),
            sp.GetRequiredService<TimeProvider>()));

        services.AddAnnaCore();
        services.AddAnnaCatalog();
        services.AddSingleton(sp => new RollbackStorage(sp.GetRequiredService<AnnaStoreLocation>().DataDirectory));
        services.AddOptions<FaultOptions>().Bind(configuration.GetSection(FaultOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<FaultOptions>, FaultOptionsValidator>();
        services.AddSingleton<IFaultInjector, ConfiguredFaults>();
        services.AddSingleton<IStepUndoer, ServiceStepUndoer>();
        services.AddSingleton<IStepUndoer, FileStepUndoer>();
        services.AddSingleton<IStepUndoer, QuarantineStepUndoer>();
        services.AddSingleton(sp => new KeptFilesUsage(sp.GetRequiredService<IActionJournal>(), time: sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<CriticalDiskPurge>();
        services.AddSingleton<IStepUndoer, PackageStepUndoer>();
        services.AddSingleton<JournalRecovery>();
        services.AddSingleton<RollbackRetention>();
        services.AddHostedService<RollbackRetentionWorker>();
        services.AddSingleton<HistoryRetention>();
        services.AddHostedService<HistoryRetentionWorker>();
        services.AddHostedService<StoreSpaceWorker>();
        services.AddHostedService<MemoryTrimWorker>();
        services.AddHostedService<JournalWarmUpWorker>();
        services.AddSingleton(sp => new ProbeScheduler(
            EnabledProbes(sp), sp.GetRequiredService<HealingEngine>(), sp.GetRequiredService<IHealingConfig>(),
            sp.GetRequiredService<WatchStatus>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<ProbeScheduler>>(),
            sp.GetRequiredService<ProbeStatistics>()));
        services.AddHostedService<HealingWorker>();
        services.AddSingleton<EngineLiveness>();
        services.AddOptions<WatchdogOptions>().Bind(configuration.GetSection(WatchdogOptions.Section))
            .Validate(o => o.StuckAfterSeconds is >= 1 and <= 24 * 3600, "Anna:Watchdog:StuckAfterSeconds must be between 1 and 86400 (seconds)")
            .ValidateOnStart();
        services.AddHostedService<WatchdogPinger>();
        services.AddHostedService<BreakerTripReporter>();
        // The probes only queue samples; the writer stores them in batches, off the healing path.
        services.AddSingleton(_ => new SampleQueue());
        services.AddSingleton<ISampleSink>(sp => sp.GetRequiredService<SampleQueue>());
        services.AddSingleton<SampleWriter>();
        // Before the writer: hosts stop in reverse order, so the self-check is saved after the writer's last samples.
        services.AddSingleton<ForecastCheckKeeper>();
        services.AddHostedService(sp => sp.GetRequiredService<ForecastCheckKeeper>());
        services.AddHostedService<PreventionOutcomes>();
        services.AddHostedService<SampleWriterWorker>();
        services.AddSingleton<ILoginSessions>(sp => sp.GetRequiredService<IOptions<AnnaHostOptions>>().Value.Activity.BusAddress is { Length: > 0 } bus
            ? new LogindSessions(bus)
            : new NoLoginSessions());
        services.AddSingleton(sp => new ActivitySampler(
            sp.GetRequiredService<ILoginSessions>(), sp.GetRequiredService<ISampleSink>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<ActivitySampler>>(), sp.GetRequiredService<IOptions<AnnaHostOptions>>().Value.Activity.ProcRoot));
        services.AddHostedService<ActivitySamplerWorker>();
        services.AddSingleton<LearnedWindowWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<LearnedWindowWorker>());

        services.AddSingleton<ProbeStatistics>();
        services.AddOptions<MetricsOptions>().Bind(configuration.GetSection(MetricsOptions.Section))
            .Validate(o => o.ManualFixMinutes is >= 0 and <= 24 * 60, "Anna:Metrics:ManualFixMinutes must be between 0 and 1440 (minutes)")
            .ValidateOnStart();
        services.AddSingleton<AnnaMetrics>();
        services.AddSingleton(sp => new Anna.Core.Insights.ManualFixAssumption(
            sp.GetRequiredService<IOptions<MetricsOptions>>().Value.ManualFixMinutes, MetricsOptions.Section + ":ManualFixMinutes"));
        services.AddOptions<ConnectionOptions>().Bind(configuration.GetSection(ConnectionOptions.Section))
            .Validate(o => o.Max is >= 1 and <= 100_000, "Anna:Connections:Max must be between 1 and 100000")
            .Validate(o => o.MaxUpgraded is >= 1 and <= 100_000, "Anna:Connections:MaxUpgraded must be between 1 and 100000")
            .ValidateOnStart();
        services.AddOptions<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>().Configure<IOptions<ConnectionOptions>>((kestrel, connections) =>
        {
            kestrel.Limits.MaxConcurrentConnections = connections.Value.Max;
            kestrel.Limits.MaxConcurrentUpgradedConnections = connections.Value.MaxUpgraded;
        });
        services.AddSignalR();
        services.AddHostedService<HubEventBridge>();
        services.AddSingleton<EventLog>();
        services.AddHostedService(sp => sp.GetRequiredService<EventLog>());
        services.AddAnnaNotifications();
        return services;
    }

    private static IEnumerable<IProbe> EnabledProbes(IServiceProvider services)
    {
        var enabled = services.GetRequiredService<IOptions<AnnaHostOptions>>().Value.Probes;
        var all = services.GetServices<IProbe>().ToList();
        var unknown = enabled.Where(name => all.All(p => p.Name != name)).ToList();
        if (unknown.Count > 0)
            throw new InvalidOperationException($"Anna:Probes names unknown probes: {string.Join(", ", unknown)}; known: {string.Join(", ", all.Select(p => p.Name))}");
        return enabled.Count == 0 ? all : all.Where(p => enabled.Contains(p.Name));
    }
}
