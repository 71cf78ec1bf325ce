using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Anna.Core.Linux.Processes;
using Anna.IntegrationTests.Crash;

namespace Anna.IntegrationTests.Security;

/// <summary>
/// The real socket of a real Anna process, used by real other users through curl under runuser:
/// the kernel's peer credentials decide the role (nobody is a viewer, a member of the operator
/// group acts, root administers), a forged identity header changes nothing, and every refusal and
/// change is in the audit trail under the Unix user's name.
/// </summary>
public sealed class SocketDoorTests
{
    private const string OperatorUser = "anna-itest-op";
    private const string OperatorGroup = "anna-itest-ops";
    private static readonly ProcessRunner Runner = new();

    [Fact]
    public async Task Peer_credentials_decide_the_role_and_nothing_the_client_says_changes_it()
    {
        await using var account = await TestAccount.CreateAsync(OperatorUser, OperatorGroup);
        using var state = new AnnaStateDirectory();
        state.WritePolicy("[healing]\npolicy = \"supervised\"\n");
        // Others may reach the socket through the state directory, not list or read it.
        File.SetUnixFileMode(state.Root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        var launch = new AnnaLaunch($"unix:path={Path.Combine(state.Root, "no-bus")}", ["failed_services"], new Dictionary<string, string>())
            .With("Anna:Roles:OperatorGroups:0", OperatorGroup);
        await using var anna = AnnaServerProcess.Start(state, launch);
        using var root = Anna.Testing.UnixSocketHttp.Create(state.SocketPath);
        await AnsweringAsync(root, anna);
        var policyBefore = await File.ReadAllTextAsync(state.PolicyPath);

        Assert.Equal("200", await CurlAsync("nobody", state.SocketPath, "GET", "/api/v1/health"));
        Assert.Equal("403", await CurlAsync("nobody", state.SocketPath, "POST", "/api/v1/healing/disable"));
        Assert.Equal("403", await CurlAsync("nobody", state.SocketPath, "POST", "/api/v1/healing/disable", "X-Anna-User: root"));
        Assert.Equal("403", await CurlAsync("nobody", state.SocketPath, "PUT", "/api/v1/policy", body: """{"policy":"autonomous"}"""));
        Assert.Equal("403", await CurlAsync(OperatorUser, state.SocketPath, "PUT", "/api/v1/policy", body: """{"policy":"autonomous"}"""));
        Assert.Equal(policyBefore, await File.ReadAllTextAsync(state.PolicyPath));
        Assert.True((await root.GetFromJsonAsync<JsonElement>("/api/v1/health")).GetProperty("healing").GetProperty("enabled").GetBoolean());

        Assert.Equal("200", await CurlAsync(OperatorUser, state.SocketPath, "POST", "/api/v1/healing/disable"));
        var health = await root.GetFromJsonAsync<JsonElement>("/api/v1/health");
        Assert.False(health.GetProperty("healing").GetProperty("enabled").GetBoolean());

        var me = JsonDocument.Parse(await CurlBodyAsync("nobody", state.SocketPath, "/api/v1/auth/me")).RootElement;
        Assert.Equal(("nobody", "viewer", "socket"), (me.GetProperty("name").GetString(), me.GetProperty("role").GetString(), me.GetProperty("door").GetString()));
        var link = JsonDocument.Parse(await CurlBodyAsync("nobody", state.SocketPath, "/api/v1/auth/login-link", "POST")).RootElement;
        Assert.Equal("nobody", link.GetProperty("user").GetString());
        Assert.Contains("/auth/login?token=link_", link.GetProperty("url").GetString());

        var audit = (await root.GetFromJsonAsync<JsonElement>("/api/v1/audit?pageSize=100")).GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(audit, r => r.GetProperty("who").GetString() == "nobody" && r.GetProperty("door").GetString() == "socket"
            && r.GetProperty("action").GetString() == "POST /api/v1/healing/disable" && r.GetProperty("status").GetInt32() == 403);
        Assert.Contains(audit, r => r.GetProperty("who").GetString() == OperatorUser && r.GetProperty("role").GetString() == "operator"
            && r.GetProperty("action").GetString() == "POST /api/v1/healing/disable" && r.GetProperty("status").GetInt32() == 200);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_and_a_live_socket_is_never_taken_over()
    {
        using var state = new AnnaStateDirectory();
        state.WritePolicy("[healing]\npolicy = \"supervised\"\n");
        var launch = new AnnaLaunch($"unix:path={Path.Combine(state.Root, "no-bus")}", ["failed_services"], new Dictionary<string, string>());
        await using var anna = AnnaServerProcess.Start(state, launch);
        using var root = Anna.Testing.UnixSocketHttp.Create(state.SocketPath);
        await AnsweringAsync(root, anna);

        var huge = new StringContent("{\"items\":[\"" + new string('x', 100_000) + "\"]}", System.Text.Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await root.PostAsync("/api/v1/auto-heal", huge)).StatusCode);

        // A second Anna on the same socket refuses to start rather than steal it.
        var second = await Runner.RunAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "anna.dll"), "--urls", "http://127.0.0.1:0"], TimeSpan.FromSeconds(60),
            CancellationToken.None, new Dictionary<string, string>(launch.Environment(state)));
        Assert.Equal(2, second.ExitCode);
        Assert.Contains("another Anna is already answering", second.StandardError);
        Assert.Equal(HttpStatusCode.OK, (await root.GetAsync("/api/v1/auth/me")).StatusCode);
    }

    /// <summary>Waits until Anna answers on its socket (it is not there until Kestrel binds it).</summary>
    private static async Task AnsweringAsync(HttpClient root, AnnaServerProcess anna)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            Assert.False(anna.HasExited, "Anna exited before it answered on its socket");
            try
            {
                if ((await root.GetAsync("/api/v1/auth/me")).StatusCode == HttpStatusCode.OK)
                    return;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                // Not bound yet.
            }
            Assert.True(DateTime.UtcNow < deadline, "Anna did not answer on its socket within 60 s");
            await Task.Delay(100);
        }
    }

    private static async Task<string> CurlAsync(string user, string socket, string method, string path, string? header = null, string? body = null)
    {
        List<string> arguments = ["-u", user, "--", "curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--unix-socket", socket, "-X", method];
        if (header is not null)
            arguments.AddRange(["-H", header]);
        if (body is not null)
            arguments.AddRange(["-H", "Content-Type: application/json", "--data", body]);
        arguments.Add($"http://localhost{path}");
        var result = await Runner.RunAsync("runuser", arguments, TimeSpan.FromSeconds(30), CancellationToken.None);
        return result.StandardOutput.Trim();
    }

    private static async Task<string> CurlBodyAsync(string user, string socket, string path, string method = "GET")
    {
        var result = await Runner.RunAsync("runuser", ["-u", user, "--", "curl", "-s", "-X", method, "--unix-socket", socket, $"http://localhost{path}"],
            TimeSpan.FromSeconds(30), CancellationToken.None);
        Assert.True(result.Succeeded, result.Excerpt());
        return result.StandardOutput;
    }
}
