namespace Anna.IntegrationTests.EndToEnd;

/// <summary>Polls a condition until it holds or a deadline passes; the failure message says what was last seen.</summary>
internal static class Eventually
{
    public static async Task<T> HoldsAsync<T>(Func<Task<T>> read, Func<T, bool> holds, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        T last;
        while (true)
        {
            last = await read();
            if (holds(last))
                return last;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Timed out waiting for {what}; last seen: {last}");
            await Task.Delay(50);
        }
    }
}
