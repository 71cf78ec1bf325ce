using Anna.Core.Engine;

namespace Anna.Server.Api;

/// <summary>Names the API uses for enum values: snake_case, and upper case for the system state.</summary>
internal static class JsonNames
{
    public static string State(SystemState state) => state.ToString().ToUpperInvariant();

    public static string Snake<T>(T value) where T : struct, Enum
    {
        var name = value.ToString();
        var builder = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
                builder.Append('_');
            builder.Append(char.ToLowerInvariant(name[i]));
        }
        return builder.ToString();
    }
}
