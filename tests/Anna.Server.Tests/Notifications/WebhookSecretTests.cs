using Anna.Server.Notifications;
using Anna.Testing;

namespace Anna.Server.Tests.Notifications;

/// <summary>The signing key is used only from a root-owned file nobody else can read, on real files.</summary>
public sealed class WebhookSecretTests : IDisposable
{
    private readonly DirectoryInfo _directory = ListableTempDirectory.Create("anna-webhook-secret-");

    public void Dispose() => _directory.Delete(recursive: true);

    [RootFact]
    public void A_root_only_file_gives_its_key_without_the_final_newline()
    {
        var path = Write("key", "s3cret\n", UnixFileMode.UserRead | UnixFileMode.UserWrite);

        Assert.Equal("s3cret"u8.ToArray(), WebhookSecret.Read(path, out var problem));
        Assert.Null(problem);
    }

    [RootFact]
    public void A_key_others_may_read_a_link_an_empty_or_missing_file_is_refused_with_the_reason()
    {
        var readable = Write("readable", "s3cret", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        var empty = Write("empty", "", UnixFileMode.UserRead);
        var link = Path.Combine(_directory.FullName, "link");
        File.CreateSymbolicLink(link, Write("target", "s3cret", UnixFileMode.UserRead));

        Assert.Null(WebhookSecret.Read(readable, out var why));
        Assert.Contains("may be read or written by others (mode 640); make it 0600", why, StringComparison.Ordinal);
        Assert.Null(WebhookSecret.Read(empty, out why));
        Assert.Contains("must hold 1 to 4096 bytes", why, StringComparison.Ordinal);
        Assert.Null(WebhookSecret.Read(link, out why));
        Assert.Contains("is not a regular file", why, StringComparison.Ordinal);
        Assert.Null(WebhookSecret.Read(Path.Combine(_directory.FullName, "missing"), out why));
        Assert.Contains("does not exist", why, StringComparison.Ordinal);
    }

    private string Write(string name, string content, UnixFileMode mode)
    {
        var path = Path.Combine(_directory.FullName, name);
        File.WriteAllText(path, content);
        File.SetUnixFileMode(path, mode);
        return path;
    }
}
