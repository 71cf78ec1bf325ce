namespace Anna.Bench;

/// <summary>
/// NAB's "windowedGaussian" baseline, as an anchor: the mean and standard deviation of the last
/// 6400 values (moved forward 100 values at a time), and a sample's score is 1 − its two-sided
/// Gaussian tail probability. Written from NAB's description; not part of Anna.
/// </summary>
internal sealed class WindowedGaussianDetector
{
    private const int WindowSize = 6400;
    private const int StepSize = 100;
    private readonly List<double> _window = new(WindowSize);
    private readonly List<double> _step = new(StepSize);
    private double _mean;
    private double _std = 1e-6;

    public double Score(double value)
    {
        var score = _window.Count > 0 ? 1 - UpperTail(Math.Abs(value - _mean) / _std) : 0.0;
        if (_window.Count < WindowSize)
        {
            _window.Add(value);
            Update();
        }
        else
        {
            _step.Add(value);
            if (_step.Count == StepSize)
            {
                _window.RemoveRange(0, StepSize);
                _window.AddRange(_step);
                _step.Clear();
                Update();
            }
        }
        return score;
    }

    private void Update()
    {
        _mean = _window.Average();
        var variance = _window.Sum(v => (v - _mean) * (v - _mean)) / _window.Count;
        _std = variance == 0 ? 1e-6 : Math.Sqrt(variance);
    }

    // Q(z) = erfc(z/√2)/2, erfc by the Chebyshev fit of Numerical Recipes (relative error < 1.2e-7).
    private static double UpperTail(double z)
    {
        var x = z / Math.Sqrt(2);
        var t = 1.0 / (1.0 + 0.5 * x);
        var erfc = t * Math.Exp(-x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 +
            t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
        return 0.5 * erfc;
    }
}
