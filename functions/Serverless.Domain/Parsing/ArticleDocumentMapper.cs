using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Serverless.Domain.Articles;

namespace Serverless.Domain.Parsing;

/// <summary>
/// Maps a parsed document (front matter or JSON, already a JSON tree) onto <see cref="Article"/>, checking every
/// field's type and naming the field and its place in the file when one is wrong.
/// </summary>
internal sealed class ArticleDocumentMapper
{
    // Dates outside this window are typing errors (a year 0001 or 9999), not news.
    private static readonly DateTimeOffset EarliestDate = new(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset LatestDate = new(2200, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private const int MaxQuality = 100_000;

    private static readonly HashSet<string> ArticleFields =
    [
        "title", "excerpt", "body", "category", "publishedDateTime", "originalUrl", "webUrl", "ampWebUrl", "cdnAmpWebUrl",
        "type", "quality", "heat", "published", "provider", "topics", "images", "related", "secured", "featuredContent",
    ];

    private static readonly HashSet<string> RelatedFields =
    [
        "title", "excerpt", "publishedDateTime", "webUrl", "ampWebUrl", "cdnAmpWebUrl", "type", "provider", "quality", "images",
    ];

    private static readonly HashSet<string> ProviderFields = ["name", "domain", "images"];

    private static readonly HashSet<string> ImageFields = ["url", "width", "height", "isCached"];

    private readonly IReadOnlyDictionary<string, (int Line, int Column)> _positions;
    private readonly ArticleParserOptions _options;

    public ArticleDocumentMapper(IReadOnlyDictionary<string, (int Line, int Column)> positions, ArticleParserOptions options)
    {
        _positions = positions;
        _options = options;
    }

    public Article Map(JsonObject document, string blobName, ArticleFormat format, string? body)
    {
        var title = Text(document, "$", "title");
        if (string.IsNullOrWhiteSpace(title))
        {
            throw Fail("$.title", "missing-title", "The article has no title; add a non-empty 'title' field.");
        }

        title = title.Trim();
        if (title.Length > _options.MaxTitleLength)
        {
            throw Fail("$.title", "title-too-long", $"The title is {title.Length} characters long; shorten it to at most {_options.MaxTitleLength}.");
        }

        var webUrl = RawText(document, "$", "webUrl");
        var originalUrl = RawText(document, "$", "originalUrl");
        var canonical = UrlCanonicalizer.Canonicalize(webUrl) ?? UrlCanonicalizer.Canonicalize(originalUrl);
        var bodyText = body ?? RawText(document, "$", "body");

        return new Article
        {
            Id = canonical is null ? ArticleIdentity.FromBlobName(blobName) : ArticleIdentity.FromCanonicalUrl(canonical),
            Title = title,
            Excerpt = Text(document, "$", "excerpt")?.Trim(),
            Body = string.IsNullOrWhiteSpace(bodyText) ? null : bodyText,
            Category = Text(document, "$", "category"),
            PublishedDateTime = Date(document, "$", "publishedDateTime"),
            OriginalUrl = originalUrl,
            WebUrl = webUrl,
            AmpWebUrl = RawText(document, "$", "ampWebUrl"),
            CdnAmpWebUrl = RawText(document, "$", "cdnAmpWebUrl"),
            CanonicalUrl = canonical,
            Type = Text(document, "$", "type"),
            Quality = Quality(document, "$"),
            Heat = Heat(document),
            Published = Boolean(document, "$", "published"),
            Provider = Provider(document, "$"),
            Topics = Topics(document),
            Images = Images(document, "$"),
            Related = Related(document),
            Secured = RawText(document, "$", "secured"),
            FeaturedContent = document["featuredContent"]?.DeepClone(),
            AdditionalFields = Unknown(document, ArticleFields),
            Format = format,
        };
    }

    private IReadOnlyList<RelatedArticle> Related(JsonObject document)
    {
        var items = List(document, "$", "related");
        var related = new List<RelatedArticle>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var path = $"$.related[{i}]";
            if (items[i] is not JsonObject item)
            {
                throw Fail(path, "wrong-type", $"related[{i}] must be a mapping with title, webUrl, provider, ...");
            }

            related.Add(new RelatedArticle
            {
                Title = Text(item, path, "title")?.Trim(),
                Excerpt = Text(item, path, "excerpt")?.Trim(),
                PublishedDateTime = Date(item, path, "publishedDateTime"),
                WebUrl = RawText(item, path, "webUrl"),
                AmpWebUrl = RawText(item, path, "ampWebUrl"),
                CdnAmpWebUrl = RawText(item, path, "cdnAmpWebUrl"),
                Type = Text(item, path, "type"),
                Provider = Provider(item, path),
                Quality = Quality(item, path),
                Images = Images(item, path),
                AdditionalFields = Unknown(item, RelatedFields),
            });
        }

        return related;
    }

    private ArticleProvider? Provider(JsonObject owner, string ownerPath)
    {
        var path = $"{ownerPath}.provider";
        switch (owner["provider"])
        {
            case null:
                return null;
            case JsonObject provider:
                return new ArticleProvider
                {
                    Name = Text(provider, path, "name")?.Trim(),
                    Domain = Text(provider, path, "domain")?.Trim(),
                    Images = Images(provider, path),
                    AdditionalFields = Unknown(provider, ProviderFields),
                };
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                // Some crawlers write the provider as a bare name.
                return new ArticleProvider { Name = WebUtility.HtmlDecode(value.GetValue<string>()).Trim() };
            default:
                throw Fail(path, "wrong-type", "provider must be a mapping with 'name' and 'domain'.");
        }
    }

    private IReadOnlyList<ArticleImage> Images(JsonObject owner, string ownerPath)
    {
        var items = List(owner, ownerPath, "images");
        var images = new List<ArticleImage>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var path = $"{ownerPath}.images[{i}]";
            switch (items[i])
            {
                case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                    images.Add(new ArticleImage { Url = value.GetValue<string>().Trim() });
                    break;
                case JsonObject image:
                    var url = RawText(image, path, "url");
                    if (string.IsNullOrWhiteSpace(url))
                    {
                        throw Fail(path, "wrong-type", $"Image {i + 1} has no 'url'; give each image a url.");
                    }

                    images.Add(new ArticleImage
                    {
                        Url = url.Trim(),
                        Width = Integer(image, path, "width", 0, 1_000_000),
                        Height = Integer(image, path, "height", 0, 1_000_000),
                        IsCached = Boolean(image, path, "isCached"),
                        AdditionalFields = Unknown(image, ImageFields),
                    });
                    break;
                default:
                    throw Fail(path, "wrong-type", $"Image {i + 1} must be a mapping with 'url', 'width' and 'height'.");
            }
        }

        return images;
    }

    private IReadOnlyList<string> Topics(JsonObject document)
    {
        switch (document["topics"])
        {
            case null:
                return [];
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                return value.GetValue<string>().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            case JsonArray array:
                var topics = new List<string>(array.Count);
                for (var i = 0; i < array.Count; i++)
                {
                    var topic = array[i] switch
                    {
                        null => null,
                        JsonValue item when item.GetValueKind() is JsonValueKind.String or JsonValueKind.Number =>
                            WebUtility.HtmlDecode(item.ToString()).Trim(),
                        _ => throw Fail($"$.topics[{i}]", "wrong-type", $"Topic {i + 1} must be a name, for example 'AI Ethics'."),
                    };
                    if (!string.IsNullOrEmpty(topic) && !topics.Contains(topic, StringComparer.OrdinalIgnoreCase))
                    {
                        topics.Add(topic);
                    }
                }

                return topics;
            default:
                throw Fail("$.topics", "wrong-type", "topics must be a list of topic names.");
        }
    }

    private int? Quality(JsonObject owner, string ownerPath) => Integer(owner, ownerPath, "quality", 0, MaxQuality);

    private double Heat(JsonObject document)
    {
        var node = document["heat"];
        if (node is null)
        {
            return -1;
        }

        var heat = Number(node, "$.heat", "heat");
        if (heat < -1 || heat > MaxQuality * 10.0)
        {
            throw Fail("$.heat", "out-of-range", $"heat is {heat.ToString(CultureInfo.InvariantCulture)}; use -1 (not scored) or a score from 0 up.");
        }

        return heat;
    }

    private int? Integer(JsonObject owner, string ownerPath, string field, int min, int max)
    {
        var node = owner[field];
        if (node is null)
        {
            return null;
        }

        var path = $"{ownerPath}.{field}";
        var number = Number(node, path, field);
        if (number < min || number > max)
        {
            throw Fail(path, "out-of-range", $"{field} is {number.ToString(CultureInfo.InvariantCulture)}; it must be between {min} and {max}.");
        }

        return (int)Math.Round(number, MidpointRounding.AwayFromZero);
    }

    private double Number(JsonNode node, string path, string field)
    {
        if (node is JsonValue value)
        {
            switch (value.GetValueKind())
            {
                case JsonValueKind.Number:
                    // Values from YAML are held as long or double, values from JSON as JsonElement.
                    return value.TryGetValue<long>(out var integer) ? integer
                        : value.TryGetValue<double>(out var real) ? real
                        : double.Parse(value.ToJsonString(), CultureInfo.InvariantCulture);
                case JsonValueKind.String when double.TryParse(
                    value.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && double.IsFinite(parsed):
                    return parsed;
            }
        }

        throw Fail(path, "wrong-type", $"{field} must be a number, not '{Shorten(node.ToJsonString())}'.");
    }

    private bool? Boolean(JsonObject owner, string ownerPath, string field)
    {
        var node = owner[field];
        if (node is null)
        {
            return null;
        }

        if (node is JsonValue value)
        {
            switch (value.GetValueKind())
            {
                case JsonValueKind.True:
                    return true;
                case JsonValueKind.False:
                    return false;
                case JsonValueKind.String when bool.TryParse(value.GetValue<string>(), out var parsed):
                    return parsed;
            }
        }

        throw Fail($"{ownerPath}.{field}", "wrong-type", $"{field} must be true or false, not '{Shorten(node.ToJsonString())}'.");
    }

    private DateTimeOffset? Date(JsonObject owner, string ownerPath, string field)
    {
        var text = RawText(owner, ownerPath, field);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var path = $"{ownerPath}.{field}";
        if (!DateTimeOffset.TryParse(
                text.Trim(),
                CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces,
                out var date))
        {
            throw Fail(path, "bad-date", $"{field} '{Shorten(text)}' is not a date; write it as ISO 8601, for example 2023-07-27T20:36:00Z.");
        }

        if (date < EarliestDate || date > LatestDate)
        {
            throw Fail(path, "bad-date", $"{field} {date:yyyy-MM-dd} is outside the years 1900 to 2200; check the year.");
        }

        return date.ToUniversalTime();
    }

    private JsonArray List(JsonObject owner, string ownerPath, string field) => owner[field] switch
    {
        null => [],
        JsonArray array => array,
        _ => throw Fail($"{ownerPath}.{field}", "wrong-type", $"{field} must be a list."),
    };

    /// <summary>A human-readable text field: HTML entities decoded.</summary>
    private string? Text(JsonObject owner, string ownerPath, string field)
    {
        var raw = RawText(owner, ownerPath, field);
        return raw is null ? null : WebUtility.HtmlDecode(raw);
    }

    /// <summary>A text field kept byte for byte (URLs, opaque tokens).</summary>
    private string? RawText(JsonObject owner, string ownerPath, string field)
    {
        var node = owner[field];
        return node switch
        {
            null => null,
            JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
            JsonValue value when value.GetValueKind() is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.ToJsonString(),
            _ => throw Fail($"{ownerPath}.{field}", "wrong-type", $"{field} must be text, not a list or a mapping."),
        };
    }

    private static JsonObject? Unknown(JsonObject owner, HashSet<string> known)
    {
        JsonObject? unknown = null;
        foreach (var (key, value) in owner)
        {
            if (!known.Contains(key))
            {
                (unknown ??= [])[key] = value?.DeepClone();
            }
        }

        return unknown;
    }

    private ArticleParseException Fail(string path, string code, string message) =>
        _positions.TryGetValue(path, out var at)
            ? new ArticleParseException(code, message, at.Line, at.Column)
            : new ArticleParseException(code, $"{message} (at {path})");

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";
}
