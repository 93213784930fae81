using System.Globalization;
using System.Text;

namespace Serverless.Domain.Parsing;

/// <summary>
/// Makes crawled text safe for every format that carries it. XML 1.0 (RSS, Atom) cannot hold control characters
/// other than tab, line feed and carriage return, nor lone surrogates or U+FFFE/U+FFFF, and a writer that meets one
/// fails the whole page; so they are removed at parse, once, and nothing downstream has to know.
/// </summary>
public static class TextSanitizer
{
    /// <summary>The text without characters no feed format can carry; the same instance when there were none.</summary>
    public static string Clean(string text) => Filter(text, removeFormat: false);

    /// <summary>
    /// As <see cref="Clean"/>, and also without format characters (bidirectional overrides and isolates, zero-width
    /// joiners, soft hyphens): for names shown in lists, such as topic names, where an override would reorder what
    /// follows it on the page.
    /// </summary>
    public static string CleanName(string text) => Filter(text, removeFormat: true);

    /// <summary>Cuts <paramref name="text"/> to at most <paramref name="maxLength"/> characters with a trailing '…', never inside a surrogate pair.</summary>
    public static string Cut(string text, int maxLength)
    {
        if (text.Length <= maxLength)
        {
            return text;
        }

        var end = maxLength - 1;
        if (end > 0 && char.IsHighSurrogate(text[end - 1]))
        {
            end--;
        }

        return string.Concat(text.AsSpan(0, end).TrimEnd(), "…");
    }

    // One pass; a builder only once something is removed, so clean text (nearly all of it) is returned as is.
    private static string Filter(string text, bool removeFormat)
    {
        StringBuilder? builder = null;
        for (var i = 0; i < text.Length; i++)
        {
            var pair = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
            var removed = pair ? removeFormat && IsFormat(text, i) : Removed(text[i], removeFormat);
            if (removed && builder is null)
            {
                builder = new StringBuilder(text.Length).Append(text, 0, i);
            }
            else if (!removed)
            {
                builder?.Append(text, i, pair ? 2 : 1);
            }

            i += pair ? 1 : 0;
        }

        return builder?.ToString() ?? text;
    }

    // Tag characters (U+E0001, U+E0020-E007F) are format characters outside the basic plane.
    private static bool IsFormat(string text, int index) => CharUnicodeInfo.GetUnicodeCategory(text, index) == UnicodeCategory.Format;

    // Called only for characters that are not part of a valid surrogate pair: any surrogate here is a lone one.
    private static bool Removed(char c, bool removeFormat) =>
        char.IsSurrogate(c) ||
        c is '\uFFFE' or '\uFFFF' ||
        (char.IsControl(c) && c is not ('\t' or '\n' or '\r')) ||
        (removeFormat && (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format || c is '\t' or '\n' or '\r'));
}
