namespace Anna.Server.Api;

public sealed record HealingSwitchDto(bool Enabled, string ChangedBy);
