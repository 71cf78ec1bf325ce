using System.Globalization;
using Tomlyn.Syntax;

namespace Anna.Server.Configuration;

/// <summary>Words for TOML values in error messages ("got the integer 3").</summary>
internal static class TomlValues
{
    public static string Describe(ValueSyntax value) => value switch
    {
        StringValueSyntax s => $"the string \"{s.Value}\"",
        IntegerValueSyntax i => $"the integer {i.Value.ToString(CultureInfo.InvariantCulture)}",
        FloatValueSyntax f => $"the number {f.Value.ToString(CultureInfo.InvariantCulture)}",
        BooleanValueSyntax b => b.Value ? "true" : "false",
        ArraySyntax => "an array",
        InlineTableSyntax => "a table",
        DateTimeValueSyntax => "a date/time",
        _ => "an unsupported value",
    };

    public static string Quote(string value) => $"\"{value}\"";

    public static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);
}
