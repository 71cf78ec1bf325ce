namespace Anna.Core.Sessions;

/// <summary>What started a healing session.</summary>
public enum SessionTrigger
{
    Signal,
    Scan,
    User,
    Approval,
}
