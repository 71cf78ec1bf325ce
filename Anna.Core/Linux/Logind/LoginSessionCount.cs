namespace Anna.Core.Linux.Logind;

/// <summary>
/// How many people use the machine right now, from logind: <paramref name="Total"/> sessions of class
/// "user" (greeters, lock screens and the per-user service manager are not people), and of those the
/// <paramref name="Active"/> ones — in the foreground of their seat (a remote session always is) and
/// not idle by their <c>IdleHint</c>.
/// </summary>
public sealed record LoginSessionCount(int Total, int Active);
