using System.Text.Json;

namespace Anna.Server.Persistence;

/// <summary>
/// PascalCase → snake_case for tables and columns, spelled like the enum values in them
/// (<see cref="Anna.Core.Vocabulary.EnumNames{TEnum}"/>) so a person querying the file with sqlite3 reads one vocabulary.
/// </summary>
internal static class SnakeCase
{
    public static string From(string name) => JsonNamingPolicy.SnakeCaseLower.ConvertName(name);
}
