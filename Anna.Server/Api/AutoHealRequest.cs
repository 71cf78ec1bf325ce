namespace Anna.Server.Api;

/// <summary>POST /api/v1/auto-heal: which healable items to heal (numbers or issue keys; all when absent), and whether only to plan.</summary>
public sealed record AutoHealRequest(IReadOnlyList<string>? Items, bool DryRun);
