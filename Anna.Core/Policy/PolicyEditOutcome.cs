namespace Anna.Core.Policy;

public enum PolicyEditOutcome
{
    /// <summary>The file was written and the new policy is in force.</summary>
    Written,

    /// <summary>A value was rejected; nothing was written.</summary>
    Invalid,

    /// <summary>The values were fine but the file could not be written (no file, unsafe owner or mode, I/O); nothing changed.</summary>
    Refused,
}
