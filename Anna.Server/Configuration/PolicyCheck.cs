using Anna.Core.Policy;

namespace Anna.Server.Configuration;

/// <summary>The options the values make, or why they do not make any (each error naming its key and, for a list, the item).</summary>
public sealed record PolicyCheck(HealingOptions? Options, IReadOnlyList<PolicyEditError> Errors);
