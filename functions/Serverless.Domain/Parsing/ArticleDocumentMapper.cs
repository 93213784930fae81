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
    /// <summary>The crawler's quality scale (README "Heat"): a declared value outside it is clamped, with a warning.</summary>
    public const int MaxQuality = 200;

    // Only the heat field, which scoring never reads, keeps the old wide bound.
    private const int MaxDeclaredHeat = 1_000_000;

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

    private readonly DocumentFieldReader _fields;
    private readonly ArticleParserOptions _options;
    private readonly ICollection<ArticleWarning> _warnings;

    public ArticleDocumentMapper(IReadOnlyDictionary<string, (int Line, int Column)> positions, ArticleParserOptions options, ICollection<ArticleWarning> warnings)
    {
        _fields = new DocumentFieldReader(positions);
        _options = options;
        _warnings = warnings;
    }

    public Article Map(JsonObject document, string blobName, ArticleFormat format, string? body)
    {
        var title = _fields.Text(document, "$", "title");
        if (string.IsNullOrWhiteSpace(title))
        {
            throw _fields.Fail("$.title", "missing-title", "The article has no title; add a non-empty 'title' field.");
        }

        title = title.Trim();
        if (title.Length > _options.MaxTitleLength)
        {
            throw _fields.Fail("$.title", "title-too-long", $"The title is {title.Length} characters long; shorten it to at most {_options.MaxTitleLength}.");
        }

        var webUrl = _fields.RawText(document, "$", "webUrl");
        var originalUrl = _fields.RawText(document, "$", "originalUrl");
        var canonical = UrlCanonicalizer.Canonicalize(webUrl) ?? UrlCanonicalizer.Canonicalize(originalUrl);
        var bodyText = body ?? _fields.RawText(document, "$", "body");

        return new Article
        {
            Id = canonical is null ? ArticleIdentity.FromBlobName(blobName) : ArticleIdentity.FromCanonicalUrl(canonical),
            Title = title,
            Excerpt = _fields.Text(document, "$", "excerpt")?.Trim(),
            Body = string.IsNullOrWhiteSpace(bodyText) ? null : bodyText,
            Category = _fields.Text(document, "$", "category"),
            PublishedDateTime = _fields.Date(document, "$", "publishedDateTime"),
            OriginalUrl = originalUrl,
            WebUrl = webUrl,
            AmpWebUrl = _fields.RawText(document, "$", "ampWebUrl"),
            CdnAmpWebUrl = _fields.RawText(document, "$", "cdnAmpWebUrl"),
            CanonicalUrl = canonical,
            Type = _fields.Text(document, "$", "type"),
            Quality = Quality(document, "$"),
            Heat = Heat(document),
            Published = _fields.Boolean(document, "$", "published"),
            Provider = Provider(document, "$"),
            Topics = Topics(document),
            Images = Images(document, "$"),
            Related = Related(document),
            Secured = _fields.RawText(document, "$", "secured"),
            FeaturedContent = document["featuredContent"]?.DeepClone(),
            AdditionalFields = DocumentFieldReader.Unknown(document, ArticleFields),
            Format = format,
        };
    }

    private IReadOnlyList<RelatedArticle> Related(JsonObject document)
    {
        var items = _fields.List(document, "$", "related");
        var related = new List<RelatedArticle>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var path = $"$.related[{i}]";
            if (items[i] is not JsonObject item)
            {
                throw _fields.Fail(path, "wrong-type", $"related[{i}] must be a mapping with title, webUrl, provider, ...");
            }

            related.Add(new RelatedArticle
            {
                Title = _fields.Text(item, path, "title")?.Trim(),
                Excerpt = _fields.Text(item, path, "excerpt")?.Trim(),
                PublishedDateTime = _fields.Date(item, path, "publishedDateTime"),
                WebUrl = _fields.RawText(item, path, "webUrl"),
                AmpWebUrl = _fields.RawText(item, path, "ampWebUrl"),
                CdnAmpWebUrl = _fields.RawText(item, path, "cdnAmpWebUrl"),
                Type = _fields.Text(item, path, "type"),
                Provider = Provider(item, path),
                Quality = Quality(item, path),
                Images = Images(item, path),
                AdditionalFields = DocumentFieldReader.Unknown(item, RelatedFields),
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
                    Name = _fields.Text(provider, path, "name")?.Trim(),
                    Domain = _fields.Text(provider, path, "domain")?.Trim(),
                    Images = Images(provider, path),
                    AdditionalFields = DocumentFieldReader.Unknown(provider, ProviderFields),
                };
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                // Some crawlers write the provider as a bare name.
                return new ArticleProvider { Name = WebUtility.HtmlDecode(value.GetValue<string>()).Trim() };
            default:
                throw _fields.Fail(path, "wrong-type", "provider must be a mapping with 'name' and 'domain'.");
        }
    }

    private IReadOnlyList<ArticleImage> Images(JsonObject owner, string ownerPath)
    {
        var items = _fields.List(owner, ownerPath, "images");
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
                    var url = _fields.RawText(image, path, "url");
                    if (string.IsNullOrWhiteSpace(url))
                    {
                        throw _fields.Fail(path, "wrong-type", $"Image {i + 1} has no 'url'; give each image a url.");
                    }

                    images.Add(new ArticleImage
                    {
                        Url = url.Trim(),
                        Width = _fields.Integer(image, path, "width", 0, 1_000_000),
                        Height = _fields.Integer(image, path, "height", 0, 1_000_000),
                        IsCached = _fields.Boolean(image, path, "isCached"),
                        AdditionalFields = DocumentFieldReader.Unknown(image, ImageFields),
                    });
                    break;
                default:
                    throw _fields.Fail(path, "wrong-type", $"Image {i + 1} must be a mapping with 'url', 'width' and 'height'.");
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
                        _ => throw _fields.Fail($"$.topics[{i}]", "wrong-type", $"Topic {i + 1} must be a name, for example 'AI Ethics'."),
                    };
                    if (!string.IsNullOrEmpty(topic) && !topics.Contains(topic, StringComparer.OrdinalIgnoreCase))
                    {
                        topics.Add(topic);
                    }
                }

                return topics;
            default:
                throw _fields.Fail("$.topics", "wrong-type", "topics must be a list of topic names.");
        }
    }

    /// <summary>
    /// A declared quality, clamped to 0–<see cref="MaxQuality"/>: the scale the heat formula is calibrated on. A file
    /// cannot buy the top of a feed with quality 100,000, and a typo of -40 is not worth rejecting the article for.
    /// </summary>
    private int? Quality(JsonObject owner, string ownerPath)
    {
        if (owner["quality"] is not { } node)
        {
            return null;
        }

        var path = $"{ownerPath}.quality";
        var declared = _fields.Number(node, path, "quality");
        var clamped = Math.Clamp(declared, 0, MaxQuality);
        if (!clamped.Equals(declared))
        {
            _warnings.Add(new ArticleWarning("quality-clamped", $"{path} is {declared.ToString("G6", CultureInfo.InvariantCulture)}; quality is on a scale of 0 to {MaxQuality}, so it counts as {clamped.ToString(CultureInfo.InvariantCulture)}."));
        }

        return (int)Math.Round(clamped, MidpointRounding.AwayFromZero);
    }

    private double Heat(JsonObject document)
    {
        var node = document["heat"];
        if (node is null)
        {
            return -1;
        }

        var heat = _fields.Number(node, "$.heat", "heat");
        if (heat < -1 || heat > MaxDeclaredHeat)
        {
            throw _fields.Fail("$.heat", "out-of-range", $"heat is {heat.ToString(CultureInfo.InvariantCulture)}; use -1 (not scored) or a score from 0 up.");
        }

        return heat;
    }
}
