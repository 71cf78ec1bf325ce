namespace Anna.Bench.Tests;

public sealed class NabCrossValidationTests
{
    private const int Rows = 400;
    private const int WindowStart = 200;

    // Eight generated files in two categories, each with one label window at rows 200..219.
    private static NabSeries[] Corpus() =>
        Enumerable.Range(0, 8).Select(i => new NabSeries(
            $"{(i < 4 ? "machine" : "other")}/f{i}.csv",
            Enumerable.Range(0, Rows).Select(r => $"t{r}").ToArray(),
            new double[Rows],
            [new NabWindow(WindowStart, WindowStart + 19)])).ToArray();

    // Candidate 0 catches the windows of fold 0's files and raises a false alarm on the others;
    // candidate 1 the reverse. Whatever is chosen on one fold is the wrong choice for the other.
    private static Func<int, int, double[]> Detectors(int[][] folds) => (candidate, file) =>
    {
        var scores = new double[Rows];
        var good = folds[candidate].Contains(file);
        scores[good ? WindowStart : 100] = 1;
        return scores;
    };

    [Fact]
    public void Each_fold_gets_the_parameters_that_won_on_the_other_folds()
    {
        var corpus = Corpus();
        var folds = NabFolds.Split(corpus.Select(s => s.RelativePath).ToArray(), 2, 0);
        var replay = Detectors(folds);

        var chosen = NabCrossValidation.Choose(corpus, folds, 2, replay);

        Assert.Equal(1, chosen[0].Candidate); // chosen on fold 1's files, where candidate 1 is perfect
        Assert.Equal(0, chosen[1].Candidate);
        Assert.All(chosen, fold => Assert.Equal(100, fold.TrainingScore.Normalized, 9));
        Assert.All(chosen, fold => Assert.Empty(fold.Training.Intersect(fold.HeldOut)));
        Assert.All(chosen, fold => Assert.Equal(Enumerable.Range(0, corpus.Length), fold.Training.Concat(fold.HeldOut).Order()));
    }

    [Fact]
    public void Choosing_for_a_fold_never_looks_at_its_own_files()
    {
        var corpus = Corpus();
        var folds = NabFolds.Split(corpus.Select(s => s.RelativePath).ToArray(), 2, 0);
        var replay = Detectors(folds);
        foreach (var fold in folds)
        {
            var asked = new List<int>();

            NabCrossValidation.Choose(corpus, [fold], 2, (c, file) => { asked.Add(file); return replay(c, file); });

            Assert.NotEmpty(asked);
            Assert.Empty(asked.Intersect(fold));
        }
    }

    [Fact]
    public void Held_out_files_are_scored_once_with_their_folds_choice_and_threshold()
    {
        var corpus = Corpus();
        var folds = NabFolds.Split(corpus.Select(s => s.RelativePath).ToArray(), 2, 0);
        var replay = Detectors(folds);
        var chosen = NabCrossValidation.Choose(corpus, folds, 2, replay);

        var (scores, thresholds) = NabCrossValidation.HeldOut(corpus.Length, chosen, replay);
        var (strict, swept) = NabCrossValidation.Evaluate(corpus, scores, thresholds, Enumerable.Range(0, corpus.Length));

        foreach (var fold in chosen)
            foreach (var file in fold.HeldOut)
            {
                Assert.Equal(replay(fold.Candidate, file), scores[file]);
                Assert.Equal(fold.TrainingScore.Threshold, thresholds[file]);
            }
        // In-sample each candidate is perfect on half the files; held out, every window is missed.
        Assert.Equal(0, strict.WindowsDetected);
        Assert.Equal(corpus.Length, strict.FalsePositives);
        Assert.True(strict.Normalized < 0, $"strict {strict.Normalized}");
        Assert.Equal(0, swept.Normalized, 9); // swept, the best is to detect nothing: the null detector's 0
    }

    [Fact]
    public void A_file_in_no_fold_or_two_folds_is_refused()
    {
        var corpus = Corpus();
        var replay = Detectors([[0, 1, 2, 3], [4, 5, 6, 7]]);
        var fold = new NabFold([0, 1, 2, 3], [4, 5, 6, 7], 0, new NabScore(0, 0, 1, 0, 0, 0));

        Assert.Throws<ArgumentException>(() => NabCrossValidation.HeldOut(corpus.Length, [fold], replay));
        Assert.Throws<ArgumentException>(() => NabCrossValidation.HeldOut(corpus.Length, [fold, fold with { HeldOut = [3, 4, 5, 6, 7] }], replay));
    }

    [Fact]
    public void Scoring_at_the_swept_threshold_gives_the_swept_score_and_a_higher_threshold_less()
    {
        var corpus = Corpus();
        var random = new Random(3);
        var scores = corpus.Select(s => Enumerable.Range(0, s.Length).Select(r => r is >= WindowStart and < WindowStart + 5 ? 0.5 + random.NextDouble() / 2 : random.NextDouble() * 0.7).ToArray()).ToArray();

        var swept = NabScorer.Score(corpus, scores);
        var at = NabScorer.ScoreAt(corpus, scores, Enumerable.Repeat(swept.Threshold, corpus.Length).ToArray());
        var above = NabScorer.ScoreAt(corpus, scores, Enumerable.Repeat(0.99, corpus.Length).ToArray());

        Assert.Equal(swept.Raw, at.Raw, 9);
        Assert.Equal(swept.Normalized, at.Normalized, 9);
        Assert.Equal(swept.FalsePositives, at.FalsePositives);
        Assert.True(above.Raw <= swept.Raw);
    }
}
