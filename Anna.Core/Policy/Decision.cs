namespace Anna.Core.Policy;

/// <summary>A policy decision with its reason in words and the consent behind it.</summary>
public sealed record Decision(DecisionKind Kind, string Reason, ConsentLevel Consent)
{
    public bool CanAutoHeal => Kind == DecisionKind.Execute;
}
