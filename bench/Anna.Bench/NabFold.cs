namespace Anna.Bench;

/// <summary>
/// One fold of a cross-validation: the files held out, the files the choice was made on (all the
/// others), the parameter set chosen there (an index into the candidates) and its swept score there,
/// whose threshold the held-out files are then scored at.
/// </summary>
internal sealed record NabFold(int[] HeldOut, int[] Training, int Candidate, NabScore TrainingScore);
