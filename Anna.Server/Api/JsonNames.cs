using Anna.Core.Sessions;
using Anna.Core.Engine;
using Anna.Core.Vocabulary;

namespace Anna.Server.Api;

/// <summary>Names the API uses for enum values: snake_case, and upper case for the system state.</summary>
internal static class JsonNames
{
    public static string State(SystemState state) => state.ToString().ToUpperInvariant();

    public static string Snake<T>(T value) where T : struct, Enum => EnumNames<T>.ToName(value);
}
