using System.Security.Cryptography;
using System.Text;

namespace Serverless.Domain.Articles;

/// <summary>Derives stable, key-safe ids: from the canonical URL, else from the blob name.</summary>
public static class ArticleIdentity
{
    /// <summary>The id of the article known by <paramref name="canonicalUrl"/>.</summary>
    public static string FromCanonicalUrl(string canonicalUrl) => Hash("url:" + canonicalUrl);

    /// <summary>The id of an article that carries no URL (plain text), from where it was uploaded.</summary>
    public static string FromBlobName(string blobName) => Hash("blob:" + blobName.Trim().TrimStart('/'));

    /// <summary>A short, fixed-length hex key for any text (blob names, URLs), safe in Table Storage keys.</summary>
    public static string Hash(string text)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), digest);
        // 128 bits: collisions are out of reach for any realistic corpus.
        return Convert.ToHexStringLower(digest[..16]);
    }
}
