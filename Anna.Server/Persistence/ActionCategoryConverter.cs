using Anna.Core.Vocabulary;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Anna.Server.Persistence;

/// <summary>Stores a category under the same name healing.toml and the API use, from the one table that defines them.</summary>
public sealed class ActionCategoryConverter() : ValueConverter<ActionCategory, string>(
    category => category.ToName(),
    name => Parse(name))
{
    private static ActionCategory Parse(string name) => ActionCategoryNames.TryParse(name, out var category)
        ? category
        : throw new InvalidDataException($"Unknown action category '{name}' in the store.");
}
