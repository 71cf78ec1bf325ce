using Anna.Core.Risk;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Anna.Server.Persistence;

/// <summary>Stores a risk under its healing.toml name ("medium").</summary>
public sealed class ActionRiskConverter() : ValueConverter<ActionRisk, string>(
    risk => risk.ToName(),
    name => Parse(name))
{
    private static ActionRisk Parse(string name) => ActionRiskNames.TryParse(name, out var risk)
        ? risk
        : throw new InvalidDataException($"Unknown action risk '{name}' in the store.");
}
