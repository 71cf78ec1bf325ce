namespace Anna.Testing;

/// <summary>An HttpClient that talks to Anna over its Unix socket, as annactl does: the peer's uid is who asks.</summary>
public static class UnixSocketHttp
{
    public static HttpClient Create(string socketPath, TimeSpan? timeout = null) => new(Anna.Cli.UnixSocketConnector.Handler(socketPath))
    {
        BaseAddress = new Uri("http://localhost/"),
        Timeout = timeout ?? TimeSpan.FromSeconds(30),
    };
}
