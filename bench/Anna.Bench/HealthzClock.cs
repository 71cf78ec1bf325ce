using System.Diagnostics;

namespace Anna.Bench;

/// <summary>Time from a process's start until its /healthz answers 200.</summary>
internal static class HealthzClock
{
    /// <summary>
    /// Polls every 10 ms (a short poll interval keeps the measurement's own error small);
    /// null when the process exited or the timeout passed first.
    /// </summary>
    public static async Task<TimeSpan?> WaitAsync(Uri healthz, Process process, Stopwatch sinceStart, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        while (sinceStart.Elapsed < timeout && !process.HasExited)
        {
            try
            {
                using var response = await http.GetAsync(healthz, cancellationToken);
                if (response.IsSuccessStatusCode)
                    return sinceStart.Elapsed;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(10, cancellationToken);
        }
        return null;
    }
}
