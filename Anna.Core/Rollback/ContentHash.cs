using System.Security.Cryptography;

namespace Anna.Core.Rollback;

/// <summary>SHA-256 of file content as lower-case hex: how file steps tell one content from another.</summary>
public static class ContentHash
{
    /// <summary>Hex digits shown in messages: enough to tell two contents apart at a glance.</summary>
    public const int ShortLength = 12;

    private const int BufferSize = 1 << 16;

    /// <summary>The hash of no content: what an emptied file has.</summary>
    public static string Empty { get; } = Convert.ToHexStringLower(SHA256.HashData(ReadOnlySpan<byte>.Empty));

    /// <summary>The hash of everything from the stream's position to its end.</summary>
    public static string Of(Stream stream) => Convert.ToHexStringLower(SHA256.HashData(stream));

    /// <summary>The hash of the first <paramref name="length"/> bytes from the stream's position; null when it ends before.</summary>
    public static string? OfPrefix(Stream stream, long length)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[BufferSize];
        var left = length;
        while (left > 0)
        {
            var read = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
            if (read == 0)
                return null;
            hash.AppendData(buffer, 0, read);
            left -= read;
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>The first <see cref="ShortLength"/> hex digits, as every message shows a hash.</summary>
    public static string Short(string hash) => hash.Length <= ShortLength ? hash : hash[..ShortLength];
}
