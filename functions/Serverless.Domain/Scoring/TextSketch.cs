using System.Buffers.Binary;
using System.Collections.Frozen;
using Serverless.Domain.Articles;

namespace Serverless.Domain.Scoring;

/// <summary>
/// A bottom-k sketch of an article's words: the <see cref="Size"/> smallest 32-bit hashes of its distinct content
/// words. Two sketches estimate the Jaccard similarity of the word sets (exactly, while a text has fewer distinct
/// words than the sketch holds) in a fixed 256 bytes per article, which is what lets rescoring compare every
/// article with every other without holding their text.
/// </summary>
public static class TextSketch
{
    public const int Size = 64;

    private const int PlainTextLeadWords = 120;

    private static readonly FrozenSet<string> StopWords = new[]
    {
        "a", "about", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be", "because",
        "been", "before", "being", "between", "both", "but", "by", "can", "could", "did", "do", "does", "doing", "down", "during",
        "each", "few", "for", "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers", "him", "his", "how",
        "i", "if", "in", "into", "is", "it", "its", "itself", "just", "me", "more", "most", "my", "new", "no", "nor", "not", "now",
        "of", "off", "on", "once", "one", "only", "or", "other", "our", "out", "over", "own", "per", "said", "same", "says", "she",
        "should", "so", "some", "such", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "those",
        "through", "to", "too", "two", "under", "until", "up", "us", "very", "was", "we", "were", "what", "when", "where", "which",
        "while", "who", "whom", "why", "will", "with", "would", "year", "years", "you", "your", "ai", "artificial", "intelligence",
        "news", "report", "reports", "according", "like", "get", "gets", "make", "makes", "may", "might", "many", "much", "way",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The text an article is compared by: what it says (title, excerpt or body lead) and how others titled the same story.</summary>
    public static string TextOf(Article article)
    {
        var parts = new List<string?> { article.Title, article.Excerpt };
        if (article.Format == ArticleFormat.PlainText && article.Body is { } body)
        {
            parts.Add(string.Join(' ', body.Split((char[]?)null, PlainTextLeadWords + 1, StringSplitOptions.RemoveEmptyEntries).Take(PlainTextLeadWords)));
        }

        parts.AddRange(article.Related.Take(20).SelectMany(r => new[] { r.Title, r.Excerpt }));
        return string.Join('\n', parts.Where(p => !string.IsNullOrWhiteSpace(p)));
    }

    public static uint[] Compute(string text)
    {
        var hashes = new HashSet<uint>();
        foreach (var token in Tokens(text))
        {
            hashes.Add(Hash(token));
        }

        var sorted = hashes.ToArray();
        Array.Sort(sorted);
        return sorted.Length <= Size ? sorted : sorted[..Size];
    }

    public static string Encode(uint[] sketch)
    {
        var bytes = new byte[sketch.Length * 4];
        for (var i = 0; i < sketch.Length; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i * 4), sketch[i]);
        }

        return Convert.ToBase64String(bytes);
    }

    public static uint[] Decode(string? encoded)
    {
        if (string.IsNullOrEmpty(encoded))
        {
            return [];
        }

        try
        {
            var bytes = Convert.FromBase64String(encoded);
            var sketch = new uint[bytes.Length / 4];
            for (var i = 0; i < sketch.Length; i++)
            {
                sketch[i] = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(i * 4));
            }

            return sketch;
        }
        catch (FormatException)
        {
            return [];
        }
    }

    internal static IEnumerable<string> Tokens(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var isWord = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (isWord && start < 0)
            {
                start = i;
            }
            else if (!isWord && start >= 0)
            {
                var token = Normalize(text.AsSpan(start, i - start));
                start = -1;
                if (token.Length >= 2 && !StopWords.Contains(token) && !token.All(char.IsAsciiDigit))
                {
                    yield return token;
                }
            }
        }
    }

    private static string Normalize(ReadOnlySpan<char> word)
    {
        var lower = word.ToString().ToLowerInvariant();
        // A light plural fold: "jobs"/"job", "strikes"/"strike", without a stemmer's surprises.
        return lower.Length > 3 && lower[^1] == 's' && lower[^2] != 's' ? lower[..^1] : lower;
    }

    private static uint Hash(string token)
    {
        // FNV-1a: stable across processes, unlike string.GetHashCode.
        var hash = 2166136261u;
        foreach (var c in token)
        {
            hash = (hash ^ c) * 16777619u;
        }

        // Finalize (murmur3 fmix) so the sketch keeps a uniform sample of words, not the alphabetically smallest.
        hash ^= hash >> 16;
        hash *= 0x85ebca6b;
        hash ^= hash >> 13;
        hash *= 0xc2b2ae35;
        hash ^= hash >> 16;
        return hash;
    }
}
