using System.Text;
using Serverless.Domain.Articles;

namespace Serverless.Domain.Ingestion;

/// <summary>
/// RowKeys of the IngestStatus table. A status row's key is <see cref="Prefix"/> followed by the lower-case hex of the
/// blob name's UTF-8 bytes, so keys sort as names do (ordinal, byte by byte) and one listing page of the articles
/// container maps to one range read of the status partition. Hex keeps the key free of the characters keys forbid
/// ('/', '\', '#', '?', control characters). A name whose UTF-8 is longer than <see cref="MaxEncodedBytes"/> keeps the
/// hex of that prefix, then '-' (which sorts below every hex digit) and a hash of the whole name, so the key stays
/// within the service's 1 KiB key limit however it is counted, and still sorts by that prefix.
/// Keys written before this encoding are the bare 32-hex-digit hash of the name (<see cref="Legacy"/>); they all sort
/// below <see cref="LegacyUpperBound"/> and can never equal a new key, which starts with 'n'.
/// </summary>
public static class IngestStatusKeys
{
    public const string Prefix = "n";

    /// <summary>Every legacy key (lower-case hex) sorts below this, every new key above it.</summary>
    public const string LegacyUpperBound = "g";

    /// <summary>Bytes of a name encoded in full: 1 + 400 + 1 + 32 = 434 characters at most.</summary>
    public const int MaxEncodedBytes = 200;

    public static string For(string blobName)
    {
        var bytes = Encoding.UTF8.GetBytes(blobName);
        return bytes.Length <= MaxEncodedBytes
            ? Prefix + Convert.ToHexStringLower(bytes)
            : Prefix + Convert.ToHexStringLower(bytes.AsSpan(0, MaxEncodedBytes)) + "-" + ArticleIdentity.Hash("blob:" + blobName);
    }

    /// <summary>The key a status row of this blob had before the order-preserving encoding.</summary>
    public static string Legacy(string blobName) => ArticleIdentity.Hash("blob:" + blobName);
}
