namespace Anna.Core.Policy;

/// <summary>What a webhook URL in healing.toml may be.</summary>
public static class WebhookUrl
{
    public const int MaxLength = 2048;

    /// <summary>Why <paramref name="url"/> may not be a webhook; null when it may.</summary>
    public static string? Problem(string url)
    {
        if (url.Length > MaxLength)
            return $"the URL is longer than {MaxLength} characters";
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            return $"\"{url}\" is not an http:// or https:// URL";
        // healing.toml is readable by every user and GET /api/v1/config serves it: no passwords in it.
        if (uri.UserInfo.Length > 0)
            return $"\"{url}\" carries a user name or password; sign deliveries with secret_file instead";
        if (uri.Fragment.Length > 0)
            return $"\"{url}\" has a #fragment, which is never sent";
        return null;
    }
}
