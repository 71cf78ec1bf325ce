using Anna.Testing;
using System.Security.Cryptography;

namespace Anna.Dashboard.Tests.Fakes;

/// <summary>Real files in a directory of the test's own under the temp directory, removed on dispose.</summary>
public sealed class TempFiles : IDisposable
{
    public string Root { get; } = ListableTempDirectory.Create("anna-dash-").FullName;

    public string Write(string name, string content)
    {
        var path = Path.Combine(Root, name);
        File.WriteAllText(path, content);
        return path;
    }

    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    public void Dispose()
    {
        if (Directory.Exists(Root))
            Directory.Delete(Root, recursive: true);
    }
}
