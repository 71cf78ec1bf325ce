namespace Anna.Core.Samples;

/// <summary>
/// Where probes hand what they measured. Never waits: a probe (and the heal behind it) must not be
/// slowed by the sample store, so a sample that does not fit is dropped and counted instead.
/// </summary>
public interface ISampleSink
{
    /// <summary>Queues the sample; false when it was dropped (queue full or closed).</summary>
    bool TryAdd(Sample sample);
}
