using System.Net;
using System.Net.Sockets;
using Anna.IntegrationTests.Crash;

namespace Anna.IntegrationTests.Faults;

/// <summary>
/// A real Anna holds no more connections at once than Anna:Connections:Max: past it a new connection
/// is closed at once (every held connection is memory, and a client that opens one whenever an answer
/// is slow would otherwise pile them up without end), and once they are let go Anna answers again.
/// </summary>
public sealed class ConnectionLimitTests
{
    private const int Max = 4;
    private const int Opened = 12;

    [Fact]
    public async Task Connections_past_the_limit_are_closed_and_Anna_answers_once_they_are_gone()
    {
        using var state = new AnnaStateDirectory();
        state.WritePolicy("[healing]\npolicy = \"supervised\"\n");
        var launch = new AnnaLaunch($"unix:path={Path.Combine(state.Root, "no-bus")}", ["failed_services"], new Dictionary<string, string>())
            .With("Anna:Connections:Max", Max.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await using var anna = AnnaServerProcess.Start(state, launch);
        using (var first = Anna.Testing.UnixSocketHttp.Create(state.SocketPath))
            await AnsweringAsync(first, anna);

        var idle = new List<Socket>();
        try
        {
            for (var i = 0; i < Opened; i++)
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(state.SocketPath));
                idle.Add(socket);
            }
            await Task.Delay(TimeSpan.FromSeconds(1));
            // A connection Anna closed reads as ended; one it holds has nothing to read yet.
            var held = idle.Count(s => !Closed(s));

            Assert.InRange(held, 1, Max);
        }
        finally
        {
            foreach (var socket in idle)
                socket.Dispose();
        }

        using var again = Anna.Testing.UnixSocketHttp.Create(state.SocketPath);
        await AnsweringAsync(again, anna);
    }

    private static bool Closed(Socket socket) => socket.Poll(TimeSpan.FromMilliseconds(200), SelectMode.SelectRead) && socket.Available == 0;

    private static async Task AnsweringAsync(HttpClient client, AnnaServerProcess anna)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            Assert.False(anna.HasExited, "Anna exited before it answered on its socket");
            try
            {
                if ((await client.GetAsync("/api/v1/auth/me")).StatusCode == HttpStatusCode.OK)
                    return;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                // Not bound yet, or the connections past the limit are still being let go.
            }
            Assert.True(DateTime.UtcNow < deadline, "Anna did not answer on its socket within 60 s");
            await Task.Delay(100);
        }
    }
}
