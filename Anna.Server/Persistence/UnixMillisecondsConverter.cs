using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Anna.Server.Persistence;

/// <summary>
/// SQLite has no date type and EF's default text form of a DateTimeOffset does not sort
/// across offsets (nor can EF order by it); unix milliseconds are an integer that orders,
/// ranges and indexes correctly. Read-back values are in UTC and millisecond precision.
/// </summary>
public sealed class UnixMillisecondsConverter() : ValueConverter<DateTimeOffset, long>(
    value => value.ToUnixTimeMilliseconds(),
    milliseconds => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds));
