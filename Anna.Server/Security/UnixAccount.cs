namespace Anna.Server.Security;

/// <summary>A local user as the account database knows it: name and the names of every group it is in.</summary>
public sealed record UnixAccount(uint Uid, string Name, IReadOnlySet<string> Groups);
