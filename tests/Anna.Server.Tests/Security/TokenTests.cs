using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Anna.Server.Persistence;
using Anna.Server.Security;
using Anna.Server.Tests.Api;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Anna.Server.Tests.Security;

/// <summary>API tokens: created by an admin and shown once, used, expired, revoked — and only a hash on disk.</summary>
public sealed class TokenTests(NoSystemdAppFactory factory) : IClassFixture<NoSystemdAppFactory>
{
    [Fact]
    public async Task A_token_is_shown_once_works_until_revoked_and_only_its_hash_is_stored()
    {
        using var admin = factory.CreateClient();
        var created = await admin.PostAsJsonAsync("/api/v1/tokens", new { name = "prometheus", role = "viewer", expiresInDays = 30 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var secret = body.GetProperty("secret").GetString()!;
        var id = body.GetProperty("token").GetProperty("id").GetInt64();
        Assert.StartsWith("anna_", secret);

        using var script = Callers.Anonymous(factory);
        script.DefaultRequestHeaders.Authorization = new("Bearer", secret);
        Assert.Equal(HttpStatusCode.OK, (await script.GetAsync("/api/v1/health")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await script.PostAsync("/api/v1/healing/disable", null)).StatusCode);

        var listed = await admin.GetFromJsonAsync<JsonElement>("/api/v1/tokens");
        var row = Assert.Single(listed.EnumerateArray(), t => t.GetProperty("id").GetInt64() == id);
        Assert.False(row.TryGetProperty("secret", out _));
        Assert.NotEqual(JsonValueKind.Null, row.GetProperty("lastUsedAt").ValueKind);

        await using (var db = await factory.Services.GetRequiredService<IDbContextFactory<AnnaDbContext>>().CreateDbContextAsync())
        {
            var stored = await db.ApiTokens.SingleAsync(t => t.Id == id);
            Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret))), stored.Hash);
            var file = await File.ReadAllBytesAsync(Path.Combine(Path.GetDirectoryName(factory.PolicyPath)!, "data", "anna.db"));
            Assert.DoesNotContain(secret, System.Text.Encoding.UTF8.GetString(file), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/tokens/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await script.GetAsync("/api/v1/health")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"/api/v1/tokens/{id}")).StatusCode);
    }

    [Fact]
    public async Task An_expired_token_is_refused()
    {
        var (_, secret) = await factory.Services.GetRequiredService<ApiTokens>()
            .CreateAsync("short-lived", AnnaRole.Viewer, TimeSpan.FromMilliseconds(1), "tests", CancellationToken.None);
        await Task.Delay(20);
        using var script = Callers.Anonymous(factory);
        script.DefaultRequestHeaders.Authorization = new("Bearer", secret);
        Assert.Equal(HttpStatusCode.Unauthorized, (await script.GetAsync("/api/v1/health")).StatusCode);
    }

    [Theory]
    [InlineData("""{"name":"","role":"viewer"}""", "name")]
    [InlineData("""{"name":"ok","role":"root"}""", "role")]
    [InlineData("""{"name":"ok","role":"2"}""", "role")]
    [InlineData("""{"name":"ok","role":"viewer","expiresInDays":0}""", "expiresInDays")]
    public async Task A_bad_token_request_names_the_field(string json, string field)
    {
        using var admin = factory.CreateClient();
        var response = await admin.PostAsync("/api/v1/tokens", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
    }
}
