using System.Net;
using System.Text;
using System.Text.Json;

namespace Anna.Cli;

/// <summary>
/// Anna's REST API over its Unix socket. The kernel tells Anna who is calling (the peer's uid), so
/// annactl never sends a name, a token or a password. Errors come back as Anna's ProblemDetails.
/// </summary>
internal sealed class AnnaConnection(string socketPath) : IDisposable
{
    public const string DefaultSocket = "/run/anna/anna.sock";

    private readonly HttpClient _http = new(UnixSocketConnector.Handler(socketPath))
    {
        BaseAddress = new Uri("http://localhost/"),
        // Long enough for a package update run in the foreground; a restart takes milliseconds.
        Timeout = TimeSpan.FromMinutes(15),
    };

    public string SocketPath => socketPath;

    /// <summary>The socket from --socket, else ANNA_SOCKET, else the default.</summary>
    public static string Resolve(string? option) =>
        option ?? (Environment.GetEnvironmentVariable("ANNA_SOCKET") is { Length: > 0 } env ? env : DefaultSocket);

    public Task<JsonElement> GetAsync(string path) => SendAsync(HttpMethod.Get, path, null);

    public Task<JsonElement> PostAsync(string path, string? json = null) => SendAsync(HttpMethod.Post, path, json);

    public Task<JsonElement> PutAsync(string path, string json) => SendAsync(HttpMethod.Put, path, json);

    private async Task<JsonElement> SendAsync(HttpMethod method, string path, string? json)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/'));
        if (json is not null)
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request);
        }
        catch (HttpRequestException ex)
        {
            throw new AnnaRefusedException(ExitCodes.Unreachable,
                $"Anna is not reachable at {socketPath}: {ex.InnerException?.Message ?? ex.Message}. Is the anna service running? (systemctl status anna)");
        }
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            var body = text.Length > 0 && (response.Content.Headers.ContentType?.MediaType?.Contains("json") ?? false)
                ? JsonDocument.Parse(text).RootElement.Clone()
                : default;
            if (response.IsSuccessStatusCode)
                return body;
            var detail = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("detail", out var d) ? d.GetString()
                : body.ValueKind == JsonValueKind.Object && body.TryGetProperty("title", out var t) ? t.GetString() : text;
            // A value Anna refused (400) is a bad command line, like one annactl refuses itself.
            var code = response.StatusCode switch
            {
                HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => ExitCodes.NotAllowed,
                HttpStatusCode.BadRequest => ExitCodes.Usage,
                _ => ExitCodes.NotOk,
            };
            var errors = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("errors", out var e) ? " " + e.ToString() : "";
            throw new AnnaRefusedException(code, $"{(int)response.StatusCode} {detail}{errors}");
        }
    }

    public void Dispose() => _http.Dispose();
}
