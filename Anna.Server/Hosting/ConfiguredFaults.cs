using Anna.Core.Rollback;
using Anna.Server.Configuration;
using Microsoft.Extensions.Options;

namespace Anna.Server.Hosting;

/// <summary>
/// The host's <see cref="IFaultInjector"/>, from <c>Anna:Faults</c>. Off, every point passes at
/// once. On, every action holds at the configured point for the configured time and then goes on,
/// so a crash test can SIGKILL the real process exactly there. Being on is logged loudly at
/// start-up and at every hold: an Anna that stalls its actions on purpose must never go unnoticed.
/// </summary>
public sealed class ConfiguredFaults : IFaultInjector
{
    private readonly FaultPoint? _holdAt;
    private readonly TimeSpan _hold;
    private readonly TimeProvider _time;
    private readonly ILogger<ConfiguredFaults> _logger;

    public ConfiguredFaults(IOptions<FaultOptions> options, TimeProvider time, ILogger<ConfiguredFaults> logger)
    {
        _time = time;
        _logger = logger;
        _holdAt = options.Value.HoldPoint;
        _hold = TimeSpan.FromSeconds(options.Value.HoldSeconds);
        if (_holdAt is { } point)
        {
            logger.LogCritical(
                "FAULT INJECTION IS ON ({Section}): every action will hold for {Seconds} s at {Point}. This is for crash tests only; remove the setting on a real machine",
                FaultOptions.Section, _hold.TotalSeconds, EnumNames(point));
        }
    }

    public bool IsOn => _holdAt is not null;

    public async ValueTask ReachedAsync(FaultPoint point, long journalId, CancellationToken cancellationToken)
    {
        if (point != _holdAt)
            return;
        _logger.LogCritical("FAULT INJECTION: holding action #{Id} at {Point} for {Seconds} s", journalId, EnumNames(point), _hold.TotalSeconds);
        await Task.Delay(_hold, _time, cancellationToken).ConfigureAwait(false);
        _logger.LogWarning("FAULT INJECTION: action #{Id} goes on past {Point}", journalId, EnumNames(point));
    }

    private static string EnumNames(FaultPoint point) => Core.Vocabulary.EnumNames<FaultPoint>.ToName(point);
}
