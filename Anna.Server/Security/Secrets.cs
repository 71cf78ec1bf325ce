using System.Security.Cryptography;

namespace Anna.Server.Security;

/// <summary>Random secrets and their stored form.</summary>
internal static class Secrets
{
    /// <summary>256 random bits, URL-safe, with a prefix that says what it is (so a leaked one is recognisable).</summary>
    public static string New(string prefix) => prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>SHA-256 in hex: a secret of 256 random bits needs no slow hash.</summary>
    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret)));
}
