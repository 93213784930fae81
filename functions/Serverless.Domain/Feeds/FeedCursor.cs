using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Serverless.Domain.Feeds;

/// <summary>
/// Opaque paging cursors: the last row key of a page, bound to its topic and signed (HMAC-SHA256), so a client can
/// only hand back a cursor the service issued; anything else is refused as invalid, never passed to storage.
/// </summary>
public sealed class FeedCursor
{
    private readonly byte[] _key;

    public FeedCursor(IOptions<FeedOptions> options)
    {
        _key = Encoding.UTF8.GetBytes(options.Value.CursorSecret);
    }

    public string Encode(string topicId, string lastRowKey)
    {
        var payload = Encoding.UTF8.GetBytes($"{topicId}\n{lastRowKey}");
        return $"{Base64Url(payload)}.{Base64Url(Sign(payload))}";
    }

    /// <summary>The row key a valid cursor for <paramref name="topicId"/> carries, or null when the cursor is not one.</summary>
    public string? Decode(string topicId, string cursor)
    {
        if (cursor.Length > 1024 || cursor.Split('.') is not [var payloadText, var signatureText])
        {
            return null;
        }

        try
        {
            var payload = FromBase64Url(payloadText);
            if (!CryptographicOperations.FixedTimeEquals(Sign(payload), FromBase64Url(signatureText)))
            {
                return null;
            }

            var parts = Encoding.UTF8.GetString(payload).Split('\n', 2);
            return parts.Length == 2 && parts[0] == topicId ? parts[1] : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private byte[] Sign(byte[] payload) => HMACSHA256.HashData(_key, payload)[..16];

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        var base64 = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '='));
    }
}
