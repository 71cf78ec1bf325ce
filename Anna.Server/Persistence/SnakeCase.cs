using System.Text;

namespace Anna.Server.Persistence;

/// <summary>
/// PascalCase → snake_case, so tables, columns and stored enum values read the same as the
/// names in the API, healing.toml and metrics (and a person querying the file with sqlite3).
/// </summary>
internal static class SnakeCase
{
    public static string From(string name)
    {
        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                // A new word starts at an upper-case letter that follows a lower-case one or a
                // digit, or that begins a word after an acronym ("HTTPServer" → "http_server").
                var startsWord = i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1])
                    || (char.IsUpper(name[i - 1]) && i + 1 < name.Length && char.IsLower(name[i + 1])));
                if (startsWord)
                {
                    builder.Append('_');
                }
                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }
}
