using Microsoft.Extensions.Logging;

namespace Anna.Server.Hosting.Journal;

/// <summary>
/// One category's logger: each entry carries its message, priority and the message's properties as
/// fields (<c>{Action}</c> → <c>ANNA_ACTION</c>), so <c>journalctl -u anna ANNA_ACTION=restart_service</c>
/// finds every restart Anna made.
/// </summary>
internal sealed class JournalLogger(string category, JournalLoggerProvider provider) : ILogger
{
    /// <summary>A message longer than this is cut: one datagram must stay well inside journald's limit.</summary>
    private const int MaxMessageChars = 16 * 1024;

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
            return;
        var message = formatter(state, exception);
        if (exception is not null)
            message = $"{message}\n{exception}";
        if (message.Length > MaxMessageChars)
            message = message[..MaxMessageChars] + " …";
        var fields = new List<KeyValuePair<string, string>>
        {
            new("MESSAGE", message),
            new("PRIORITY", JournalFields.Priority(logLevel).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("SYSLOG_IDENTIFIER", provider.Identifier),
            new("ANNA_CATEGORY", category),
        };
        if (state is IReadOnlyList<KeyValuePair<string, object?>> properties)
        {
            foreach (var (property, value) in properties)
            {
                if (JournalFields.FieldName(property) is not { } field)
                    continue;
                var text = JournalFields.Text(value);
                fields.Add(new(field, text));
                if (JournalFields.NamesUnit(property, text))
                    fields.Add(new("OBJECT_SYSTEMD_UNIT", text));
            }
        }
        provider.Send(JournalFields.Encode(fields));
    }
}
