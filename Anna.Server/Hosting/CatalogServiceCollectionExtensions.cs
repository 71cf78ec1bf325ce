using Anna.Core.Actions;
using Anna.Core.Linux;
using Anna.Core.Linux.Journal;
using Anna.Core.Linux.Packages;
using Anna.Core.Linux.Processes;
using Anna.Core.Prediction;
using Anna.Core.Probes;
using Anna.Core.Samples;

namespace Anna.Server.Hosting;

/// <summary>Every probe and action Anna has. New ones are added here and nowhere else: the engine does not change.</summary>
public static class CatalogServiceCollectionExtensions
{
    public static IServiceCollection AddAnnaCatalog(this IServiceCollection services)
    {
        services.AddSingleton<ProcessRunner>();
        services.AddSingleton(_ => OsRelease.Read());
        services.AddSingleton(sp => PackageManagerFactory.ForThisMachine(sp.GetRequiredService<OsRelease>(),
            sp.GetRequiredService<IConfiguration>()["Anna:PackageCache"]));
        services.AddSingleton(sp => new JournalControl(sp.GetRequiredService<ProcessRunner>()));

        services.AddSingleton<IProbe, FailedServicesProbe>();
        services.AddSingleton<IProbe>(sp => new DiskSpaceProbe(sp.GetRequiredService<Anna.Core.Policy.IHealingConfig>(), sp.GetRequiredService<TimeProvider>(),
            quarantine: sp.GetService<Anna.Core.Rollback.KeptFilesUsage>(), samples: sp.GetService<Anna.Core.Samples.ISampleSink>()));
        services.AddSingleton<IProbe>(sp => new MemoryPressureProbe(sp.GetRequiredService<Anna.Core.Policy.IHealingConfig>(), sp.GetRequiredService<TimeProvider>(),
            samples: sp.GetService<Anna.Core.Samples.ISampleSink>()));
        services.AddSingleton<IProbe, LogsProbe>();
        services.AddSingleton<IProbe>(sp => new PackageCacheProbe(sp.GetRequiredService<IPackageManager>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<Anna.Core.Policy.IHealingConfig>()));
        services.AddSingleton<IProbe, OrphanPackagesProbe>();
        services.AddSingleton<IProbe, OutdatedPackagesProbe>();
        // The anomaly watch learns from every sample the writer keeps; its probe reports what lasts.
        services.AddSingleton<AnomalyWatch>();
        services.AddSingleton<ISampleObserver>(sp => sp.GetRequiredService<AnomalyWatch>());
        services.AddSingleton<IProbe, AnomalyProbe>();
        // Forecasts learn from the same samples (warming up from the store at start) and report what will run out.
        services.AddSingleton<ForecastCheck>();
        services.AddSingleton<ForecastWatch>();
        services.AddSingleton<ISampleObserver>(sp => sp.GetRequiredService<ForecastWatch>());
        services.AddSingleton<IProbe, ForecastProbe>();
        services.AddSingleton<IProbe>(sp => new UnitSamplesProbe(sp.GetRequiredService<Anna.Core.Linux.Systemd.ISystemdManager>(),
            sp.GetRequiredService<ISampleSink>(), sp.GetRequiredService<TimeProvider>()));

        services.AddSingleton<ServiceRestarter>();
        services.AddSingleton<IHealingAction, RestartServiceAction>();
        services.AddSingleton<IHealingAction, RestartCriticalServiceAction>();
        // The preventive plan for a service forecast to reach its MemoryMax=.
        services.AddSingleton<IHealingAction, RestartLeakingServiceAction>();
        services.AddSingleton<CleanPackageCacheAction>();
        services.AddSingleton<IHealingAction>(sp => sp.GetRequiredService<CleanPackageCacheAction>());
        // The preventive plan for a filesystem forecast to fill: the same cleanup, on the forecast's time.
        services.AddSingleton<IHealingAction, CleanPackageCacheEarlyAction>();
        services.AddSingleton<IHealingAction, RemoveOrphansAction>();
        services.AddSingleton<IHealingAction>(sp => new UpdatePackagesAction(sp.GetRequiredService<IPackageManager>()));
        services.AddSingleton<IHealingAction>(sp => new KernelUpdateAction(sp.GetRequiredService<IPackageManager>()));
        services.AddSingleton<IHealingAction>(sp => new VacuumJournalAction(sp.GetRequiredService<Anna.Core.Policy.IHealingConfig>(),
            sp.GetRequiredService<Anna.Core.Rollback.RollbackStorage>()));
        services.AddSingleton<IHealingAction, RotateLogsAction>();
        services.AddSingleton<IHealingAction, ManualGuidanceAction>();
        return services;
    }
}
