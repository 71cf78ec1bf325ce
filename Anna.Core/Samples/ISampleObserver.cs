namespace Anna.Core.Samples;

/// <summary>
/// Sees every sample the <see cref="SampleWriter"/> keeps, in the order of its series, on the
/// writer's own loop: off the healing path, so a model learning from samples never delays a heal.
/// </summary>
public interface ISampleObserver
{
    void Observe(Sample sample);

    /// <summary>
    /// Once, before the writer's first sample: a model that needs days of history reads it from the
    /// store instead of starting from nothing after every restart.
    /// </summary>
    Task WarmUpAsync(ISampleStore store, DateTimeOffset now, CancellationToken cancellationToken) => Task.CompletedTask;
}
