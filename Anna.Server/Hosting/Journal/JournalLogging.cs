using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Anna.Server.Hosting.Journal;

/// <summary>
/// Where Anna's log goes. <c>Anna:Journal</c>: <c>auto</c> (default) sends structured entries to
/// journald when systemd connected Anna's output to the journal (<c>JOURNAL_STREAM</c>), and then
/// instead of the console, so no line is logged twice; <c>on</c> sends them whatever the output is,
/// beside the console; <c>off</c> never. <c>Anna:JournalSocket</c> names journald's socket.
/// </summary>
internal static class JournalLogging
{
    public const string DefaultSocket = "/run/systemd/journal/socket";

    public static ILoggingBuilder AddAnnaJournal(this ILoggingBuilder logging, IConfiguration configuration)
    {
        var mode = configuration["Anna:Journal"] ?? "auto";
        var socket = configuration["Anna:JournalSocket"] ?? DefaultSocket;
        var outputIsJournal = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("JOURNAL_STREAM"));
        var send = mode switch
        {
            "on" => true,
            "off" => false,
            "auto" => outputIsJournal && File.Exists(socket),
            _ => throw new InvalidOperationException($"Anna:Journal is auto, on or off, not '{mode}'"),
        };
        if (!send)
            return logging;
        if (outputIsJournal)
            logging.Services.RemoveAll<ILoggerProvider, ConsoleLoggerProvider>();
        logging.AddProvider(new JournalLoggerProvider(socket));
        return logging;
    }

    private static void RemoveAll<TService, TImplementation>(this IServiceCollection services)
    {
        var registered = services.Where(d => d.ServiceType == typeof(TService) && d.ImplementationType == typeof(TImplementation)).ToList();
        foreach (var descriptor in registered)
            services.Remove(descriptor);
    }
}
