using Anna.Core.Vocabulary;

namespace Anna.Core.Statistics;

public sealed record OutcomeCount(ActionOutcome Outcome, int Count);
