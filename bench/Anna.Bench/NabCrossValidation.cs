namespace Anna.Bench;

/// <summary>
/// k-fold cross-validation of a detector on NAB: for each fold, the parameter set is chosen on the
/// other folds' files (best standard score, threshold swept there, as NAB reports), then the fold's
/// own files are scored with that set, at the threshold found there (strict) and with the threshold
/// swept again on them (NAB's convention). Every file is scored once, by parameters not chosen on it.
/// </summary>
internal static class NabCrossValidation
{
    /// <summary>
    /// Chooses, for each of <paramref name="folds"/>, the best of <paramref name="candidates"/> parameter
    /// sets on the files outside it. <paramref name="replay"/>(candidate, file) is a detector's output on
    /// one file; it is only ever asked about the training files of the fold being chosen for.
    /// Ties go to the candidate listed first.
    /// </summary>
    public static IReadOnlyList<NabFold> Choose(IReadOnlyList<NabSeries> corpus, IReadOnlyList<int[]> folds, int candidates, Func<int, int, double[]> replay)
    {
        if (candidates < 1)
            throw new ArgumentException("at least one parameter set", nameof(candidates));
        var chosen = new List<NabFold>(folds.Count);
        foreach (var heldOut in folds)
        {
            var training = Enumerable.Range(0, corpus.Count).Except(heldOut).ToArray();
            if (training.Length == 0)
                throw new ArgumentException("a fold holds every file: nothing to choose on", nameof(folds));
            var trainingCorpus = training.Select(i => corpus[i]).ToArray();
            NabFold? best = null;
            for (var c = 0; c < candidates; c++)
            {
                var score = NabScorer.Score(trainingCorpus, training.Select(i => replay(c, i)).ToArray());
                if (best is null || score.Raw > best.TrainingScore.Raw)
                    best = new NabFold(heldOut, training, c, score);
            }
            chosen.Add(best!);
        }
        return chosen;
    }

    /// <summary>
    /// Each file's output from the parameter set chosen for its fold, and the threshold that set found on
    /// the training files: the held-out predictions, every file exactly once.
    /// </summary>
    public static (double[][] Scores, double[] Thresholds) HeldOut(int files, IReadOnlyList<NabFold> folds, Func<int, int, double[]> replay)
    {
        var scores = new double[files][];
        var thresholds = new double[files];
        foreach (var fold in folds)
            foreach (var file in fold.HeldOut)
            {
                if (scores[file] is not null)
                    throw new ArgumentException($"file {file} is in two folds", nameof(folds));
                scores[file] = replay(fold.Candidate, file);
                thresholds[file] = fold.TrainingScore.Threshold;
            }
        var missing = Array.FindIndex(scores, s => s is null);
        if (missing >= 0)
            throw new ArgumentException($"file {missing} is in no fold", nameof(folds));
        return (scores, thresholds);
    }

    /// <summary>The held-out predictions of <paramref name="files"/> scored at their training thresholds (strict) and swept on them.</summary>
    public static (NabScore Strict, NabScore Swept) Evaluate(IReadOnlyList<NabSeries> corpus, double[][] scores, double[] thresholds, IEnumerable<int> files)
    {
        var picked = files.ToArray();
        var subset = picked.Select(i => corpus[i]).ToArray();
        var subsetScores = picked.Select(i => scores[i]).ToArray();
        return (NabScorer.ScoreAt(subset, subsetScores, picked.Select(i => thresholds[i]).ToArray()), NabScorer.Score(subset, subsetScores));
    }
}
