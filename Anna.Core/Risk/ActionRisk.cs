namespace Anna.Core.Risk;

/// <summary>How much can go wrong if an action misbehaves. Ordered: a higher value is riskier.</summary>
public enum ActionRisk
{
    Safe,
    Low,
    Medium,
    High,
    Critical,
}
