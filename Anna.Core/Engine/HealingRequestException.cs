namespace Anna.Core.Engine;

/// <summary>A heal request names an item that is not in the healable list.</summary>
public sealed class HealingRequestException(string field, string reason) : Exception($"{field}: {reason}")
{
    public string Field { get; } = field;

    public string Reason { get; } = reason;
}
