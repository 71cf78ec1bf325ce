namespace Anna.Server.Api;

/// <summary>
/// What cancels a change a request started: Anna's own shutdown, never the request. A client that
/// disconnects (a closed terminal, a timeout) must not cut a package transaction or an undo in half
/// and leave dpkg interrupted or a row in progress; the change runs to its end, bounded by its own
/// deadlines, and is in history for whoever asks next.
/// </summary>
internal static class ActionToken
{
    public static CancellationToken Of(HttpContext http) =>
        http.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
}
