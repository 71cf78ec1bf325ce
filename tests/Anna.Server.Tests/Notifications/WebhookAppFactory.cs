using System.Globalization;
using Anna.Server.Tests.Api;

namespace Anna.Server.Tests.Notifications;

/// <summary>Anna with [notifications.webhook] posting to the test's receivers, signed with a key in a 0600 file.</summary>
public sealed class WebhookAppFactory(IReadOnlyList<string> urls, DirectoryInfo root, int maxAttempts = 3, bool ownsRoot = true)
    : NoSystemdAppFactory(root, ownsRoot)
{
    public static readonly byte[] Key = "anna-webhook-test-key"u8.ToArray();

    public WebhookAppFactory(IReadOnlyList<string> urls, int maxAttempts = 3)
        : this(urls, Directory.CreateTempSubdirectory("anna-webhooks-"), maxAttempts)
    {
    }

    public string SecretPath => Path.Combine(Root, "webhook.key");

    protected override string InitialPolicy
    {
        get
        {
            if (!File.Exists(SecretPath))
            {
                File.WriteAllBytes(SecretPath, [.. Key, (byte)'\n']);
                File.SetUnixFileMode(SecretPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
            return $"""
                [healing]
                policy = "supervised"

                [notifications.webhook]
                urls = [{string.Join(", ", urls.Select(u => $"\"{u}\""))}]
                events = ["action_succeeded", "approval_requested"]
                secret_file = "{SecretPath}"
                max_attempts = {maxAttempts.ToString(CultureInfo.InvariantCulture)}
                timeout_seconds = 1
                """;
        }
    }
}
