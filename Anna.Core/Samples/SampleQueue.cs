using System.Threading.Channels;

namespace Anna.Core.Samples;

/// <summary>
/// The bounded queue between the probes and the writer of the sample store. Writers only
/// <c>TryWrite</c>: when the store falls behind, new samples are dropped and counted, so memory stays
/// bounded at <see cref="Capacity"/> samples and no probe ever waits on the disk.
/// </summary>
public sealed class SampleQueue : ISampleSink
{
    public const int DefaultCapacity = 10_000;

    private readonly Channel<Sample> _channel;
    private long _dropped;

    public SampleQueue(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        // In Wait mode TryWrite returns false on a full queue (only WriteAsync would wait); the
        // Drop* modes would report success and hide the loss from the count.
        _channel = Channel.CreateBounded<Sample>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false,
        });
    }

    public int Capacity { get; }

    /// <summary>Samples dropped because the queue was full, since start.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public ChannelReader<Sample> Reader => _channel.Reader;

    public bool TryAdd(Sample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        // NaN or infinity would poison every mean of the rollups; such a reading is no measurement.
        if (!double.IsFinite(sample.Value))
            return false;
        if (_channel.Writer.TryWrite(sample))
            return true;
        Interlocked.Increment(ref _dropped);
        return false;
    }

    /// <summary>No more samples; the reader drains what is queued and ends.</summary>
    public void Complete() => _channel.Writer.TryComplete();
}
