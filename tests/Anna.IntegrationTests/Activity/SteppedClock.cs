namespace Anna.IntegrationTests.Activity;

/// <summary>A clock the test sets hour by hour through past weeks; nothing here waits on it.</summary>
internal sealed class SteppedClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void SetUtcNow(DateTimeOffset now) => _now = now;
}
