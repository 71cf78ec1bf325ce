using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Anna.Server.Tests.Persistence;

/// <summary>The SQL text of every command EF executed, from its own log.</summary>
internal sealed class SqlLog : ILoggerProvider, ILogger
{
    private readonly ConcurrentQueue<string> _commands = new();

    public IReadOnlyList<string> Commands => _commands.ToArray();

    public void Clear() => _commands.Clear();

    public ILogger CreateLogger(string categoryName) =>
        categoryName == "Microsoft.EntityFrameworkCore.Database.Command" ? this : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (state is IReadOnlyList<KeyValuePair<string, object?>> values
            && values.FirstOrDefault(v => v.Key == "commandText").Value is string text
            && eventId.Name?.EndsWith("CommandExecuted", StringComparison.Ordinal) == true)
            _commands.Enqueue(text);
    }

    public void Dispose() { }
}
