namespace Anna.Dashboard.Editing;

/// <summary>What the schedule says about one hour of the day or one day of the week.</summary>
public enum SlotPreference
{
    /// <summary>In neither list.</summary>
    Neutral,

    /// <summary>In preferred_hours / preferred_days.</summary>
    Preferred,

    /// <summary>In avoid_hours / avoid_days.</summary>
    Avoid,
}
