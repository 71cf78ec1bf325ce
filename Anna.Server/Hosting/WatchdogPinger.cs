using System.Globalization;
using Anna.Server.Configuration;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Options;

namespace Anna.Server.Hosting;

/// <summary>
/// systemd's watchdog (<c>WatchdogSec=</c> in anna.service): pings at half the interval systemd
/// gives (WATCHDOG_USEC) while <see cref="EngineLiveness"/> says the healing loops are alive, and
/// stops — saying why, once — when one is stuck, so that systemd restarts Anna rather than leave a
/// machine watched by a daemon that no longer heals. Idle when not run by systemd with a watchdog.
/// </summary>
public sealed class WatchdogPinger(
    EngineLiveness liveness,
    IOptions<WatchdogOptions> options,
    TimeProvider time,
    ILogger<WatchdogPinger> logger,
    ISystemdNotifier? notifier = null) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (notifier is not { IsEnabled: true } || Interval() is not { } interval)
            return;
        var limit = TimeSpan.FromSeconds(options.Value.StuckAfterSeconds);
        logger.LogInformation("systemd watchdog on: pinging every {Interval} s while the healing loops are alive (stuck after {Limit} s)",
            interval.TotalSeconds, limit.TotalSeconds);
        var told = false;
        using var timer = new PeriodicTimer(interval, time);
        while (true)
        {
            if (liveness.Stuck(limit) is not { } stuck)
            {
                notifier.Notify(new ServiceState("WATCHDOG=1"));
            }
            else if (!told)
            {
                logger.LogCritical("The healing loop is stuck in {What} for {Seconds:0} s; no more watchdog pings: systemd will restart Anna",
                    stuck.What, stuck.For.TotalSeconds);
                told = true;
            }
            await timer.WaitForNextTickAsync(stoppingToken);
        }
    }

    /// <summary>Half of WATCHDOG_USEC, when systemd set it for this process.</summary>
    private static TimeSpan? Interval()
    {
        if (!ulong.TryParse(Environment.GetEnvironmentVariable("WATCHDOG_USEC"), NumberStyles.None, CultureInfo.InvariantCulture, out var usec) || usec == 0)
            return null;
        if (Environment.GetEnvironmentVariable("WATCHDOG_PID") is { Length: > 0 } pid && pid != Environment.ProcessId.ToString(CultureInfo.InvariantCulture))
            return null; // meant for another process
        return TimeSpan.FromTicks((long)(usec * 10 / 2));
    }
}
