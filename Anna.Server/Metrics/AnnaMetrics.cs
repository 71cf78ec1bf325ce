using System.Reflection;
using Anna.Core.Events;
using Microsoft.Extensions.Options;
using Prometheus;

namespace Anna.Server.Metrics;

/// <summary>
/// Prometheus metrics: counters fed from the engine's events and gauges read at each scrape.
/// Each host has its own registry so that several hosts in one process (tests) never mix them.
/// The names and their meaning are listed in the README and used by deploy/grafana and
/// deploy/prometheus; a test checks every panel's query against a real Prometheus.
/// </summary>
public sealed class AnnaMetrics : IDisposable
{
    private readonly HealingEventMetrics _events;

    public AnnaMetrics(EngineEventFeed feed, IServiceProvider services, IOptions<MetricsOptions> options)
    {
        Registry = Prometheus.Metrics.NewCustomRegistry();
        var factory = Prometheus.Metrics.WithCustomRegistry(Registry);
        _events = new HealingEventMetrics(factory, feed, options.Value);
        var state = new StateMetrics(factory, services);
        Registry.AddBeforeCollectCallback(state.CollectAsync);
        if (services.GetService<Anna.Core.Prediction.ForecastCheck>() is { } check)
            Registry.AddBeforeCollectCallback(new ForecastMetrics(factory, check).CollectAsync);
        Registry.AddBeforeCollectCallback(new RuntimeMemoryMetrics(factory).CollectAsync);
        factory.CreateGauge("anna_build_info", "Always 1; the version label says which Anna is running.",
            new GaugeConfiguration { LabelNames = ["version"] }).WithLabels(Version).Set(1);
        // The usual process and GC figures (dotnet_total_memory_bytes, process_working_set_bytes, …):
        // a custom registry does not get them by itself, and a daemon's memory is worth watching.
        DotNetStats.Register(Registry);
    }

    public CollectorRegistry Registry { get; }

    /// <summary>The running Anna's version, as the build stamped it.</summary>
    public static string Version { get; } =
        typeof(AnnaMetrics).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "unknown";

    public void Dispose() => _events.Dispose();
}
