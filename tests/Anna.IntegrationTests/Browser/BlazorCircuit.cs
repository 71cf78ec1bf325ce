using System.Text;
using Microsoft.Playwright;

namespace Anna.IntegrationTests.Browser;

/// <summary>
/// Watches a page's Blazor Server circuit from the outside: the circuit is interactive once the
/// server has pushed its first render batch over the <c>_blazor</c> WebSocket. Until then the page
/// is only the prerendered HTML and would never change by itself.
/// </summary>
internal sealed class BlazorCircuit
{
    private static readonly byte[] RenderBatch = Encoding.UTF8.GetBytes("JS.RenderBatch");
    private readonly TaskCompletionSource _interactive = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Starts watching; call before the page navigates.</summary>
    public BlazorCircuit(IPage page)
    {
        page.WebSocket += (_, socket) =>
        {
            if (!new Uri(socket.Url).AbsolutePath.EndsWith("/_blazor", StringComparison.Ordinal))
                return;
            socket.FrameReceived += (_, frame) =>
            {
                var payload = frame.Binary ?? Encoding.UTF8.GetBytes(frame.Text ?? "");
                if (payload.AsSpan().IndexOf(RenderBatch) >= 0)
                    _interactive.TrySetResult();
            };
            socket.Close += (_, _) => _interactive.TrySetException(new InvalidOperationException("the Blazor WebSocket closed before the first render batch"));
        };
    }

    public Task InteractiveAsync(TimeSpan timeout) => _interactive.Task.WaitAsync(timeout);
}
