namespace Anna.Server.Security;

/// <summary>What a caller may do; each role includes the ones below it.</summary>
public enum AnnaRole
{
    /// <summary>Reads everything: health, history, approvals, settings, metrics.</summary>
    Viewer = 1,
    /// <summary>Acts on the machine through the engine: heal, approve or reject, undo, scan, switch healing, reset a breaker.</summary>
    Operator = 2,
    /// <summary>Changes how Anna behaves and who may use it: the policy, API tokens, sign-in sessions, the audit trail.</summary>
    Admin = 3,
}
