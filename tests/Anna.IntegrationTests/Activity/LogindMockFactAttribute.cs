namespace Anna.IntegrationTests.Activity;

/// <summary>A test on python-dbusmock's logind; where dbus-daemon or python3-dbusmock is missing it is reported as skipped, saying which.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class LogindMockFactAttribute : FactAttribute
{
    public LogindMockFactAttribute()
    {
        if (LogindMock.Missing() is { } missing)
            Skip = missing;
    }
}
