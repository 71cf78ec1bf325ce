using Anna.Server.Hosting.Journal;
using Anna.Testing;
using Microsoft.Extensions.Logging;

namespace Anna.Server.Tests.Hosting;

/// <summary>Anna's log entries as journald receives them, over a real datagram socket.</summary>
public sealed class JournalLoggerTests
{
    [Theory]
    [InlineData("Action", "ANNA_ACTION")]
    [InlineData("HistoryId", "ANNA_HISTORY_ID")]
    [InlineData("Subject", "ANNA_SUBJECT")]
    [InlineData("URL", "ANNA_URL")]
    [InlineData("retry_in", "ANNA_RETRY_IN")]
    [InlineData("{OriginalFormat}", null)]
    [InlineData("Zeit·Punkt", null)]
    public void Message_properties_become_field_names_journald_takes(string property, string? field) =>
        Assert.Equal(field, JournalFields.FieldName(property));

    [Fact]
    public async Task An_entry_carries_message_priority_identifier_and_the_messages_properties_as_fields()
    {
        using var journal = new JournalReceiver();
        using var provider = new JournalLoggerProvider(journal.SocketPath);
        var logger = provider.CreateLogger("Anna.Core.Engine.ActionRunner");

        logger.LogInformation("{Action} on {Subject}: {Outcome} (history #{HistoryId})", "restart_service", "nginx.service", "success", 42L);
        logger.LogWarning("Low space on {Subject}", "/var");
        logger.LogError(new InvalidOperationException("boom"), "Two\nlines");

        var entries = await WaitForAsync(journal, 3);
        Assert.Empty(journal.Malformed());
        var heal = entries[0];
        Assert.Equal("restart_service on nginx.service: success (history #42)", heal["MESSAGE"]);
        Assert.Equal("6", heal["PRIORITY"]);
        Assert.Equal("anna", heal["SYSLOG_IDENTIFIER"]);
        Assert.Equal("restart_service", heal["ANNA_ACTION"]);
        Assert.Equal("42", heal["ANNA_HISTORY_ID"]);
        // journalctl -u nginx.service shows it among nginx's own lines (root's daemons may say so).
        Assert.Equal("nginx.service", heal["OBJECT_SYSTEMD_UNIT"]);
        Assert.False(heal.ContainsKey("ANNA_{ORIGINAL_FORMAT}"));

        Assert.Equal("4", entries[1]["PRIORITY"]);
        Assert.Equal("/var", entries[1]["ANNA_SUBJECT"]);
        Assert.False(entries[1].ContainsKey("OBJECT_SYSTEMD_UNIT"), "a mount is no unit");
        Assert.False(JournalFields.NamesUnit("Subject", "linux-image-6.1"), "a package with a dot in its name is no unit");
        Assert.True(JournalFields.NamesUnit("Unit", "getty@tty1.service"));

        // Lines in a value travel in the binary form, whole.
        Assert.Equal("3", entries[2]["PRIORITY"]);
        Assert.StartsWith("Two\nlines\nSystem.InvalidOperationException: boom", entries[2]["MESSAGE"]);
    }

    [Fact]
    public void Without_journald_entries_are_dropped_and_counted_and_logging_goes_on()
    {
        using var provider = new JournalLoggerProvider(Path.Combine(Path.GetTempPath(), $"anna-no-journal-{Guid.NewGuid():N}"));
        var logger = provider.CreateLogger("test");
        logger.LogInformation("nobody listens");
        logger.LogInformation("still nobody");
        Assert.Equal(2, provider.Dropped);
    }

    private static async Task<IReadOnlyList<IReadOnlyDictionary<string, string>>> WaitForAsync(JournalReceiver journal, int count)
    {
        for (var i = 0; i < 200 && journal.Entries().Count < count; i++)
            await Task.Delay(25);
        var entries = journal.Entries();
        Assert.Equal(count, entries.Count);
        return entries;
    }
}
