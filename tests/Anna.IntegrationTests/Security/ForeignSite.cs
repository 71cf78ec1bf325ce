using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Anna.IntegrationTests.Security;

/// <summary>
/// A page of another origin (another loopback port) that tries to make the browser change Anna:
/// a form that posts itself, and a no-cors fetch. Served by a tiny HttpListener; disposed, it stops.
/// </summary>
internal sealed class ForeignSite : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();

    public ForeignSite(Uri anna)
    {
        var port = FreePort();
        Address = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(Address.ToString());
        _listener.Start();
        var target = new Uri(anna, "api/v1/healing/disable");
        var page = $$"""
            <!DOCTYPE html><html><body>
            <form id="f" method="post" action="{{target}}" enctype="text/plain"><input name="x" value="y"></form>
            <script>
              fetch("{{target}}", { method: "POST", mode: "no-cors", credentials: "include", body: "x" })
                .finally(() => { document.title = "fetched"; document.getElementById("f").submit(); });
            </script></body></html>
            """;
        _ = ServeAsync(Encoding.UTF8.GetBytes(page));
    }

    public Uri Address { get; }

    private async Task ServeAsync(byte[] page)
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.OutputStream.WriteAsync(page);
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
        _stop.Dispose();
    }
}
