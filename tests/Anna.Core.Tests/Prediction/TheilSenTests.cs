using Anna.Core.Prediction;

namespace Anna.Core.Tests.Prediction;

public sealed class TheilSenTests
{
    [Fact]
    public void A_quarter_of_the_points_anywhere_does_not_move_the_line()
    {
        var x = Enumerable.Range(0, 24).Select(i => (double)i).ToArray();
        var y = x.Select(v => 3 + 0.5 * v).ToArray();
        // A download: six points far above the line.
        for (var i = 10; i < 16; i++)
            y[i] += 40;
        var (slope, intercept, mad) = TheilSen.Fit(x, y, new double[TheilSen.ScratchFor(24)]);

        Assert.Equal(0.5, slope, 9);
        Assert.Equal(3, intercept, 9);
        Assert.Equal(0, mad, 9);
    }

    [Fact]
    public void Least_squares_would_have_been_pulled_by_the_same_points()
    {
        // The check above means something only if the outliers do bend an ordinary fit.
        var x = Enumerable.Range(0, 24).Select(i => (double)i).ToArray();
        var y = x.Select((v, i) => 3 + 0.5 * v + (i is >= 10 and < 16 ? 40 : 0)).ToArray();
        var mx = x.Average();
        var my = y.Average();
        var ols = x.Zip(y).Sum(p => (p.First - mx) * (p.Second - my)) / x.Sum(v => (v - mx) * (v - mx));
        Assert.True(Math.Abs(ols - 0.5) > 0.1, $"least squares slope {ols}");
    }

    [Fact]
    public void Too_little_work_space_is_refused()
    {
        double[] x = [0, 1, 2, 3];
        Assert.Throws<ArgumentException>(() => TheilSen.Fit(x, x, new double[3]));
    }
}
