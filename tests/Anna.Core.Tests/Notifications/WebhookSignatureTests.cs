using System.Text;
using Anna.Core.Notifications;
using Anna.Core.Policy;

namespace Anna.Core.Tests.Notifications;

public sealed class WebhookSignatureTests
{
    private static readonly byte[] Key = "anna-test-key"u8.ToArray();
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"event\":\"action_succeeded\"}");

    [Fact]
    public void Signs_timestamp_dot_body_as_any_hmac_sha256_library_does()
    {
        // Python: hmac.new(b"anna-test-key", b'1764806400.{"event":"action_succeeded"}', hashlib.sha256).hexdigest()
        Assert.Equal("sha256=bb2e5e1a15f2be3dff02f3c9e3b4044aab065ac21aa28f6d1433623bd22240c4", WebhookSignature.Sign(Key, 1764806400, Body));
    }

    [Fact]
    public void Another_key_timestamp_or_body_does_not_verify()
    {
        var signature = WebhookSignature.Sign(Key, 1764806400, Body);

        Assert.True(WebhookSignature.Verify(Key, 1764806400, Body, signature));
        Assert.False(WebhookSignature.Verify("another-key"u8, 1764806400, Body, signature));
        Assert.False(WebhookSignature.Verify(Key, 1764806401, Body, signature));
        Assert.False(WebhookSignature.Verify(Key, 1764806400, [.. Body, (byte)' '], signature));
        Assert.False(WebhookSignature.Verify(Key, 1764806400, Body, "sha256="));
    }

    [Theory]
    [InlineData("https://hooks.example.org/anna", null)]
    [InlineData("http://127.0.0.1:8080/hook?team=ops", null)]
    [InlineData("ftp://example.org/x", "is not an http:// or https:// URL")]
    [InlineData("/relative/hook", "is not an http:// or https:// URL")]
    [InlineData("https://ops:hunter2@hooks.example.org/", "carries a user name or password")]
    [InlineData("https://hooks.example.org/#top", "has a #fragment")]
    public void Webhook_urls_are_http_without_credentials(string url, string? problem)
    {
        if (problem is null)
            Assert.Null(WebhookUrl.Problem(url));
        else
            Assert.Contains(problem, WebhookUrl.Problem(url), StringComparison.Ordinal);
    }
}
