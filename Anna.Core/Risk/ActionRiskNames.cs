namespace Anna.Core.Risk;

/// <summary>Lower-case names of risks, as written in healing.toml.</summary>
public static class ActionRiskNames
{
    public static string ToName(this ActionRisk risk) => risk.ToString().ToLowerInvariant();

    public static bool TryParse(string name, out ActionRisk risk)
    {
        foreach (var value in Enum.GetValues<ActionRisk>())
        {
            if (value.ToName() == name)
            {
                risk = value;
                return true;
            }
        }
        risk = default;
        return false;
    }
}
