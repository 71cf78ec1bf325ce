using Xunit;

namespace Anna.Testing;

/// <summary>
/// A test of what only root can set up (a root-owned file, a file given away). Run without root it is
/// reported as skipped, saying why, never as passed: a test that returned early would claim a check
/// that did not happen.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (!Environment.IsPrivilegedProcess)
            Skip = "needs root: Anna's rules for who owns the policy file apply to Anna running as root";
    }
}
