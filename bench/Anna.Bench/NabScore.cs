namespace Anna.Bench;

/// <summary>
/// A detector's NAB result at the single corpus-wide threshold that maximised its raw score:
/// normalised so the null detector is 0 and the perfect one 100.
/// </summary>
internal sealed record NabScore(double Normalized, double Raw, double Threshold, int WindowsDetected, int Windows, int FalsePositives);
