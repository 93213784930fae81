using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Serverless.Domain.Articles;

namespace Serverless.Domain.Parsing;

/// <summary>
/// Turns the bytes of an uploaded file into an <see cref="Article"/>. The format (YAML front matter, JSON or plain
/// text) is read from the content, because crawlers name front-matter files <c>.txt</c>. Never throws for bad
/// input: every problem comes back as an <see cref="ArticleParseError"/> that says what to fix.
/// </summary>
public sealed class ArticleParser
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly ArticleParserOptions _options;

    public ArticleParser(IOptions<ArticleParserOptions> options)
    {
        _options = options.Value;
    }

    public ArticleParseResult Parse(ReadOnlySpan<byte> content, string blobName)
    {
        try
        {
            var text = Decode(content);
            var warnings = new List<ArticleWarning>();
            var article = ArticleBounds.Apply(ParseText(text, blobName, warnings), warnings);
            return ArticleParseResult.Success(article, warnings);
        }
        catch (ArticleParseException ex)
        {
            return ArticleParseResult.Failure(ex.Error);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException and not OperationCanceledException)
        {
            // A parser defect must not turn one odd file into endless retries: the file is kept, marked rejected,
            // and the message is specific enough to report.
            return ArticleParseResult.Failure(new ArticleParseError(
                "unreadable", $"The file could not be read as an article ({ex.GetType().Name}: {ex.Message}); check its format or report it."));
        }
    }

    private Article ParseText(string text, string blobName, List<ArticleWarning> warnings)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ArticleParseException("empty", "The file is empty; upload an article with at least a title.");
        }

        var start = 0;
        while (start < text.Length && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        if (text[start] == '{' || text[start] == '[')
        {
            return ParseJson(text, blobName, warnings);
        }

        if (IsFrontMatterFence(FirstLine(text), allowDots: false))
        {
            return ParseFrontMatter(text, blobName, warnings);
        }

        return ParsePlainText(text, blobName);
    }

    private Article ParseFrontMatter(string text, string blobName, List<ArticleWarning> warnings)
    {
        var reader = new LineReader(text);
        reader.Next(); // the opening '---'
        var yamlStart = reader.Position;
        var yamlEnd = -1;
        var bodyStart = text.Length;
        while (reader.Next() is { } line)
        {
            if (IsFrontMatterFence(line, allowDots: true))
            {
                yamlEnd = reader.LineStart;
                bodyStart = reader.Position;
                break;
            }
        }

        if (yamlEnd < 0)
        {
            throw new ArticleParseException(
                "unclosed-front-matter",
                "The front matter opened with '---' on line 1 is never closed; add a '---' line after the last field.",
                1,
                1);
        }

        var (root, positions) = YamlTreeReader.Read(text[yamlStart..yamlEnd], _options, lineOffset: 1);
        if (root is not JsonObject document)
        {
            var found = root switch
            {
                null => "nothing",
                JsonArray => "a list",
                _ => $"a single value ('{Shorten(root.ToJsonString())}')",
            };
            throw new ArticleParseException(
                "front-matter-not-mapping",
                $"The front matter must be a mapping of fields (title: ..., webUrl: ...), but it holds {found}.",
                2,
                1);
        }

        var body = text[bodyStart..].Trim('\n', '\r', ' ', '\t');
        return new ArticleDocumentMapper(positions, _options, warnings).Map(document, blobName, ArticleFormat.FrontMatter, body.Length == 0 ? null : body);
    }

    private Article ParseJson(string text, string blobName, List<ArticleWarning> warnings)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(
                text,
                documentOptions: new JsonDocumentOptions { MaxDepth = _options.MaxDepth, CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new ArticleParseException(
                "json-syntax",
                $"The file looks like JSON but is not valid JSON: {FirstSentence(ex.Message)}",
                (int)(ex.LineNumber ?? 0) + 1,
                (int)(ex.BytePositionInLine ?? 0) + 1);
        }

        if (root is not JsonObject document)
        {
            throw new ArticleParseException("json-not-object", "A JSON article must be one object with fields such as title and webUrl.", 1, 1);
        }

        var nodes = CountNodes(document);
        if (nodes > _options.MaxNodes)
        {
            throw new ArticleParseException("too-large", $"The JSON document holds {nodes} values, more than the {_options.MaxNodes} accepted.");
        }

        return new ArticleDocumentMapper(new Dictionary<string, (int, int)>(), _options, warnings).Map(document, blobName, ArticleFormat.Json, body: null);
    }

    private Article ParsePlainText(string text, string blobName)
    {
        var reader = new LineReader(text);
        string? title = null;
        var titleLine = 0;
        while (reader.Next() is { } line)
        {
            titleLine++;
            if (!string.IsNullOrWhiteSpace(line))
            {
                title = line.Trim();
                break;
            }
        }

        if (title!.Length > _options.MaxTitleLength)
        {
            throw new ArticleParseException(
                "title-too-long",
                $"A plain-text article's first line is its title, and this one is {title.Length} characters long; put a title of at most {_options.MaxTitleLength} characters on the first line.",
                titleLine,
                1);
        }

        var body = text[reader.Position..].Trim('\n', '\r', ' ', '\t');
        return new Article
        {
            Id = ArticleIdentity.FromBlobName(blobName),
            Title = System.Net.WebUtility.HtmlDecode(title),
            Body = body.Length == 0 ? null : body,
            Format = ArticleFormat.PlainText,
        };
    }

    private static string Decode(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            content = content[3..];
        }
        else if (content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return CheckText(Encoding.Unicode.GetString(content[2..]));
        }
        else if (content.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return CheckText(Encoding.BigEndianUnicode.GetString(content[2..]));
        }

        var nul = content.IndexOf((byte)0);
        if (nul >= 0)
        {
            throw new ArticleParseException(
                "binary",
                $"The file is binary (a NUL byte at offset {nul}), not text; upload Markdown, JSON or plain text in UTF-8.");
        }

        try
        {
            return CheckText(StrictUtf8.GetString(content));
        }
        catch (DecoderFallbackException ex)
        {
            throw new ArticleParseException(
                "invalid-utf8",
                $"The file is not valid UTF-8 (bad byte at offset {ex.Index}); save it as UTF-8 and upload it again.");
        }
    }

    private static string CheckText(string text)
    {
        var control = 0;
        foreach (var c in text)
        {
            if (c == '\0')
            {
                throw new ArticleParseException("binary", "The file contains NUL characters; upload text, not binary data.");
            }

            if (char.IsControl(c) && c is not ('\n' or '\r' or '\t' or '\f'))
            {
                control++;
            }
        }

        if (control > 16 && control * 20 > text.Length)
        {
            throw new ArticleParseException("binary", "The file is mostly control characters, so it looks binary; upload text.");
        }

        return text.Normalize(NormalizationForm.FormC);
    }

    private static string FirstLine(string text)
    {
        var end = text.IndexOf('\n');
        return end < 0 ? text : text[..end];
    }

    private static bool IsFrontMatterFence(string line, bool allowDots)
    {
        var trimmed = line.TrimEnd();
        return trimmed == "---" || (allowDots && trimmed == "...");
    }

    private static int CountNodes(JsonNode? node) => node switch
    {
        JsonObject obj => 1 + obj.Sum(p => CountNodes(p.Value)),
        JsonArray array => 1 + array.Sum(CountNodes),
        _ => 1,
    };

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..37] + "...";

    /// <summary>Walks lines of any ending (LF, CRLF, CR) and remembers where it stands.</summary>
    private sealed class LineReader(string text)
    {
        public int Position { get; private set; }

        public int LineStart { get; private set; }

        public string? Next()
        {
            if (Position >= text.Length)
            {
                return null;
            }

            LineStart = Position;
            var end = text.IndexOfAny(['\n', '\r'], Position);
            if (end < 0)
            {
                Position = text.Length;
                return text[LineStart..];
            }

            var line = text[LineStart..end];
            Position = end + (text[end] == '\r' && end + 1 < text.Length && text[end + 1] == '\n' ? 2 : 1);
            return line;
        }
    }
}
