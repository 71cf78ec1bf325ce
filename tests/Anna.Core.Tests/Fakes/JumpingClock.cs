namespace Anna.Core.Tests.Fakes;

/// <summary>A wall clock a test sets to any time, earlier ones included (FakeTimeProvider only goes forward).</summary>
internal sealed class JumpingClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
}
