namespace Anna.Bench.Tests;

public sealed class ForecastScorerTests
{
    private static readonly DateTime T = new(2026, 2, 1, 12, 0, 0, DateTimeKind.Utc);

    private static ForecastAlert Alert(double hoursBeforeT, double etaHoursAfterT) =>
        new(T.AddHours(-hoursBeforeT), T.AddHours(etaHoursAfterT), 0.9);

    [Fact]
    public void A_positive_warned_two_hours_ahead_is_prevented_with_its_lead_and_eta_error()
    {
        var outcome = ForecastScorer.Outcome(T, [Alert(2, 1)]);

        Assert.True(outcome.Prevented);
        Assert.Equal(TimeSpan.FromHours(2), outcome.Lead);
        Assert.Equal(0.5, outcome.RelativeEtaError!.Value, 12); // 1 h off over 2 h of lead
    }

    [Fact]
    public void An_alert_exactly_one_hour_ahead_prevents_and_one_less_does_not()
    {
        Assert.True(ForecastScorer.Outcome(T, [Alert(1, 0)]).Prevented);
        var late = ForecastScorer.Outcome(T, [Alert(0.5, 0), Alert(3, 0)]);
        // The first counted alert decides, even when a later line would have been early enough.
        Assert.False(late.Prevented);
        Assert.Equal(TimeSpan.FromMinutes(30), late.Lead);
    }

    [Fact]
    public void An_alert_whose_eta_is_more_than_seven_days_out_does_not_count()
    {
        var at = T.AddDays(-10);
        var far = new ForecastAlert(at, at.AddDays(7).AddSeconds(1), 0.9);
        var edge = new ForecastAlert(at.AddHours(1), at.AddHours(1).AddDays(7), 0.9);

        var outcome = ForecastScorer.Outcome(T, [far, edge]);

        Assert.Same(edge, outcome.FirstCounted);
        Assert.False(ForecastScorer.Outcome(null, [far]).FalseAlarm);
        Assert.True(ForecastScorer.Outcome(null, [far, edge]).FalseAlarm);
    }

    [Fact]
    public void An_alert_after_the_crossing_neither_prevents_nor_gives_a_lead()
    {
        var outcome = ForecastScorer.Outcome(T, [new ForecastAlert(T.AddHours(1), T.AddHours(2), 0.9)]);

        Assert.False(outcome.Prevented);
        Assert.Null(outcome.Lead);
        Assert.Null(outcome.RelativeEtaError);
    }

    [Fact]
    public void The_figures_follow_the_definitions_on_a_hand_made_corpus()
    {
        ForecastOutcome[] outcomes =
        [
            ForecastScorer.Outcome(T, [Alert(10, 5)]),        // prevented, lead 10 h, error 0.5
            ForecastScorer.Outcome(T, [Alert(30, -3)]),       // prevented, lead 30 h, error 0.1
            ForecastScorer.Outcome(T, [Alert(0.25, 0)]),      // too late: lead 0.25 h, error 0
            ForecastScorer.Outcome(T, []),                    // missed
            ForecastScorer.Outcome(null, [Alert(50, 0)]),     // false alarm
            ForecastScorer.Outcome(null, []),                 // quiet
            ForecastScorer.Outcome(null, []),                 // quiet
        ];

        var score = ForecastScorer.Score(outcomes);

        Assert.Equal((7, 4, 3, 2, 1), (score.Series, score.Positives, score.Negatives, score.Prevented, score.FalseAlarms));
        Assert.Equal(4.0 / 7, score.Accuracy, 12);        // 2 prevented + 2 quiet negatives
        Assert.Equal(1.0 / 3, score.FalsePositiveRate, 12);
        Assert.Equal(0.5, score.Prevention, 12);
        Assert.Equal(TimeSpan.FromHours(10), score.MedianLead); // of 0.25, 10, 30
        Assert.Equal(0.1, score.MedianRelativeEtaError, 12);    // of 0, 0.1, 0.5
    }

    [Fact]
    public void Undefined_ratios_are_not_numbers_rather_than_zero()
    {
        var score = ForecastScorer.Score([ForecastScorer.Outcome(null, [])]);

        Assert.Equal(1.0, score.Accuracy);
        Assert.Equal(0.0, score.FalsePositiveRate);
        Assert.True(double.IsNaN(score.Prevention));
        Assert.Null(score.MedianLead);
        Assert.True(double.IsNaN(score.MedianRelativeEtaError));
    }

    [Fact]
    public void The_median_of_an_even_count_is_the_mean_of_the_middle_two() =>
        Assert.Equal(2.5, ForecastScorer.Median([4, 1, 2, 3]));
}
