namespace Anna.Core.Linux.Systemd.Sandbox;

/// <summary>The last lines the sandboxed manager printed, kept to explain a failed start.</summary>
internal sealed class SandboxOutput
{
    private const int MaxLines = 40;
    private readonly Queue<string> _lines = new();
    private readonly Lock _lock = new();

    public void Add(string? line)
    {
        if (line is null)
            return;
        lock (_lock)
        {
            _lines.Enqueue(line);
            while (_lines.Count > MaxLines)
                _lines.Dequeue();
        }
    }

    public string Tail()
    {
        lock (_lock)
            return _lines.Count == 0 ? "(no output)" : string.Join(" | ", _lines);
    }
}
