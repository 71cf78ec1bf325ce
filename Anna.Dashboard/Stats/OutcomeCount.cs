using Anna.Core.Actions;

namespace Anna.Dashboard.Stats;

public sealed record OutcomeCount(ActionOutcome Outcome, int Count);
