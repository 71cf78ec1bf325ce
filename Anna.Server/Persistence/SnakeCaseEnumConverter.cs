using Anna.Core.Vocabulary;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Anna.Server.Persistence;

/// <summary>Stores an enum as its snake_case name ("awaiting_approval"), not as a number that changes meaning when members move.</summary>
public sealed class SnakeCaseEnumConverter<TEnum>() : ValueConverter<TEnum, string>(
    value => EnumNames<TEnum>.ToName(value),
    name => EnumNames<TEnum>.Parse(name))
    where TEnum : struct, Enum;
