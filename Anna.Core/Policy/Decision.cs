namespace Anna.Core.Policy;

/// <summary>A policy decision with its reason in words and the consent behind it.</summary>
/// <param name="NotBefore">For <see cref="DecisionKind.Defer"/>: when it may run, if known.</param>
public sealed record Decision(DecisionKind Kind, string Reason, ConsentLevel Consent, DateTimeOffset? NotBefore = null)
{
    public bool CanAutoHeal => Kind == DecisionKind.Execute;
}
