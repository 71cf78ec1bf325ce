using Anna.Core.Vocabulary;

namespace Anna.Dashboard.Stats;

public sealed record OutcomeCount(ActionOutcome Outcome, int Count);
