using Anna.Core.Prediction;

namespace Anna.Bench;

/// <summary>
/// Brings the detector's code to the state it runs in inside the daemon before any sample is timed.
/// The runtime first runs a method unoptimised and recompiles it in the background once it is hot,
/// and only after ~100 ms without new methods being compiled: a replay of a few seconds that keeps
/// compiling file reading and writing times much of its first pass in unoptimised code (some 5 µs a
/// sample instead of under 1), which a daemon that scores hundreds of series for weeks never sees.
/// The warm-up scores a seeded made-up series (never the files replayed), pauses so the background
/// recompilation can run, and does it again.
/// </summary>
internal static class AnomalyWarmup
{
    public static void Run(AnomalyDetectorOptions? options = null)
    {
        var random = new Random(7);
        for (var round = 0; round < 3; round++)
        {
            var detector = new AnomalyDetector(options);
            for (var i = 0; i < 20_000; i++)
                detector.Score(50 + 10 * Math.Sin(i / 50.0) + random.NextDouble() + (i % 997 == 0 ? 40 : 0));
            Thread.Sleep(250);
        }
    }
}
