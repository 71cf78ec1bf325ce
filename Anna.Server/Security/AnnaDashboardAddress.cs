namespace Anna.Server.Security;

/// <summary>Where browsers reach the dashboard: the base of sign-in links (the first TCP address Anna listens on).</summary>
public sealed class AnnaDashboardAddress
{
    public Uri BaseUri { get; set; } = new("http://127.0.0.1:5170/");

    /// <summary>The first http(s) URL of a Kestrel URL list; wildcards become 127.0.0.1.</summary>
    public static Uri From(string? urls)
    {
        foreach (var url in (urls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (url.StartsWith("http://unix:", StringComparison.OrdinalIgnoreCase))
                continue;
            var fixedHost = url.Replace("://*", "://127.0.0.1", StringComparison.Ordinal).Replace("://+", "://127.0.0.1", StringComparison.Ordinal)
                .Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal);
            if (Uri.TryCreate(fixedHost.EndsWith('/') ? fixedHost : fixedHost + "/", UriKind.Absolute, out var uri))
                return uri;
        }
        return new Uri("http://127.0.0.1:5170/");
    }
}
