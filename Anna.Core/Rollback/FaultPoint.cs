namespace Anna.Core.Rollback;

/// <summary>The moments of an action's life where a crash is most telling; the fault-injection seam names them.</summary>
public enum FaultPoint
{
    /// <summary>The intent is on disk; the action has not started.</summary>
    IntentWritten,
    /// <summary>A rollback step was recorded; its change has not been made.</summary>
    StepRecorded,
    /// <summary>Half of a multi-part change is made (half the files moved; a failed unit's state reset, the unit not started yet).</summary>
    HalfDone,
    /// <summary>The action has finished changing the machine; its outcome is not written.</summary>
    Acted,
}
