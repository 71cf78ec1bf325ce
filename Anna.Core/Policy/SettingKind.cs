namespace Anna.Core.Policy;

/// <summary>
/// What a <see cref="PolicySetting"/> holds, and so how every door reads, checks and writes it. The value
/// in each case is TOML-shaped: a string, a long, a double, a bool, or a list of strings or longs.
/// </summary>
public enum SettingKind
{
    /// <summary>One name out of <see cref="PolicySetting.Choices"/> (a string).</summary>
    Choice,

    /// <summary>A whole number within the bounds (a long).</summary>
    Whole,

    /// <summary>A number within the bounds, fractions allowed (a double).</summary>
    Number,

    /// <summary>true or false (a bool).</summary>
    Flag,

    /// <summary>Names out of <see cref="PolicySetting.Choices"/>, each at most once (a list of strings).</summary>
    ChoiceSet,

    /// <summary>Whole numbers within the bounds (a list of longs).</summary>
    WholeList,

    /// <summary>Strings (paths, URLs), each checked by <see cref="PolicySetting.ItemProblem"/> (a list of strings).</summary>
    TextList,

    /// <summary>One string (a path), checked by <see cref="PolicySetting.ItemProblem"/>; empty when unset.</summary>
    Text,
}
