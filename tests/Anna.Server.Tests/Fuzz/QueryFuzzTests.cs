using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Anna.Server.Tests.Api;
using CsCheck;

namespace Anna.Server.Tests.Fuzz;

/// <summary>
/// Generated history query strings and approval bodies against the real app, 10,000 of each: never a
/// 5xx, and every refusal a ProblemDetails that names what it refuses.
/// </summary>
public sealed class QueryFuzzTests(NoSystemdAppFactory factory) : IClassFixture<NoSystemdAppFactory>
{
    private const int Cases = 10_000;

    private static readonly Gen<string> Piece = Gen.Frequency(
        (3, Gen.OneOf<string>("1", "0", "-1", "500", "501", "2147483647", "99999999999", "success", "failed", "restart_service",
            "failed_service", "2026-11-20T00:00:00Z", "2026-13-40", "", "true", "x y", "%00", "..", "web.service")),
        (1, Gen.String[Gen.Char.AlphaNumeric, 0, 10]),
        (1, Gen.String[0, 8]));

    private static readonly Gen<string> Query = Gen.Select(
            Gen.OneOf<string>("page", "pageSize", "issueType", "action", "outcome", "from", "until", "to", "subject", "status", "nope"), Piece)
        .Array[0, 6]
        .Select(pairs => string.Join('&', pairs.Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2)}")));

    [Fact]
    public void History_queries_are_answered_or_refused_by_name_never_a_server_error()
    {
        using var client = factory.CreateClient();
        Query.Sample(query =>
        {
            using var response = client.GetAsync($"/api/v1/history?{query}").GetAwaiter().GetResult();
            Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode} for ?{query}");
            if (response.StatusCode == HttpStatusCode.BadRequest)
            {
                var problem = response.Content.ReadFromJsonAsync<JsonElement>().GetAwaiter().GetResult();
                Assert.NotEmpty(problem.GetProperty("errors").EnumerateObject());
            }
        }, iter: Cases, threads: 1);
    }

    private static readonly Gen<string> ApprovalBody = Gen.Frequency(
        (3, Gen.Select(
            Gen.Frequency((3, Gen.Guid.Select(g => $"\"{g}\"")), (1, Gen.OneOf<string>("\"not-a-guid\"", "1", "null", "\"\""))).Array[0, 3],
            Gen.OneOf<string>("\"approve\"", "\"reject\"", "\"maybe\"", "null", "1"),
            Gen.OneOf<string>("true", "false", "\"yes\"", "null"),
            (ids, decision, perSession) => $"{{\"ids\": [{string.Join(", ", ids)}], \"decision\": {decision}, \"perSession\": {perSession}}}")),
        (1, Gen.String[0, 40]));

    [Fact]
    public void Approval_bodies_are_decided_or_refused_never_a_server_error()
    {
        using var client = factory.CreateClient();
        ApprovalBody.Sample(body =>
        {
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = client.PostAsync("/api/v1/approvals", content).GetAwaiter().GetResult();
            Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode} for {body}");
            if (response.StatusCode == HttpStatusCode.BadRequest)
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }, iter: Cases, threads: 1);
    }
}
