namespace Anna.Cli;

/// <summary>What annactl's exit status means (also in <c>annactl --help</c>).</summary>
internal static class ExitCodes
{
    /// <summary>Done; for health and status: the machine is HEALTHY.</summary>
    public const int Ok = 0;
    /// <summary>The machine is DEGRADED or CRITICAL (health, status), or Anna refused or failed what was asked.</summary>
    public const int NotOk = 1;
    /// <summary>The command line is wrong.</summary>
    public const int Usage = 2;
    /// <summary>Anna is not running or its socket cannot be reached.</summary>
    public const int Unreachable = 3;
    /// <summary>Your Unix user's role does not allow this (ask an admin to add you to the anna group).</summary>
    public const int NotAllowed = 4;
}
