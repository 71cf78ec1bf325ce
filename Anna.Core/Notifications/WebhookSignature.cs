using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Anna.Core.Notifications;

/// <summary>
/// How a webhook delivery is signed: HMAC-SHA256 over "{timestamp}.{body}" with the key from
/// secret_file, sent as <c>X-Anna-Signature: sha256=&lt;hex&gt;</c> beside
/// <c>X-Anna-Timestamp</c> (Unix seconds). The timestamp is inside what is signed, so a receiver
/// that refuses old timestamps cannot be fed a recorded delivery again.
/// </summary>
public static class WebhookSignature
{
    public const string Header = "X-Anna-Signature";
    public const string TimestampHeader = "X-Anna-Timestamp";
    public const string Prefix = "sha256=";

    public static string Sign(ReadOnlySpan<byte> key, long timestamp, ReadOnlySpan<byte> body)
    {
        var signed = new byte[Encoding.ASCII.GetByteCount(Stamp(timestamp)) + body.Length];
        var written = Encoding.ASCII.GetBytes(Stamp(timestamp), signed);
        body.CopyTo(signed.AsSpan(written));
        return Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(key, signed));
    }

    /// <summary>Whether <paramref name="signature"/> is the one <see cref="Sign"/> makes, compared in constant time.</summary>
    public static bool Verify(ReadOnlySpan<byte> key, long timestamp, ReadOnlySpan<byte> body, string signature) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(key, timestamp, body)), Encoding.ASCII.GetBytes(signature));

    private static string Stamp(long timestamp) => timestamp.ToString(CultureInfo.InvariantCulture) + ".";
}
