namespace Anna.Core.Insights;

/// <summary>The kinds of root cause Anna can name from its own evidence.</summary>
public static class RootCauseKind
{
    /// <summary>The kernel's OOM killer ended the unit (systemd's Result=oom-kill).</summary>
    public const string OomKill = "oom_kill";

    /// <summary>The unit's memory climbed before its failures: a leak a restart only postpones.</summary>
    public const string MemoryClimbs = "memory_climbs";

    /// <summary>The unit failed again and again with the same exit status.</summary>
    public const string SameExitStatus = "same_exit_status";

    /// <summary>A filesystem whose used bytes grew most over the period.</summary>
    public const string DiskFilling = "disk_filling";

    /// <summary>Package updates that failed because there was no room for them.</summary>
    public const string UpdateNoSpace = "update_no_space";

    /// <summary>People approved every fix of a category that still asks them first: it could run on its own.</summary>
    public const string ApprovedEveryTime = "approved_every_time";
}
