using Serverless.Domain.Articles;

namespace Serverless.Domain.Parsing;

/// <summary>
/// What one accepted file may carry into storage: every displayed text cleaned (<see cref="TextSanitizer"/>) and cut
/// with a marker, every list capped, over-long links dropped. A related list is other people's text copied by a
/// crawler; without these bounds one long title reaches a story row past the storage's 32K-character property limit
/// and fails the rescoring run for everyone (see README "Heat", <em>Trust</em>). Each adjustment is a warning.
/// </summary>
public static class ArticleBounds
{
    /// <summary>Related entries kept per file: the real corpus's longest list has 35.</summary>
    public const int MaxRelated = 50;

    /// <summary>Topic spellings kept per file: as many as the topic ids an article is listed under.</summary>
    public const int MaxTopics = 16;

    public const int MaxImages = 10;
    public const int MaxRelatedImages = 3;
    public const int MaxUrlLength = 2_048;
    public const int MaxExcerptLength = 2_000;
    public const int MaxRelatedTitleLength = 300;
    public const int MaxRelatedExcerptLength = 500;
    public const int MaxNameLength = 200;
    public const int MaxDomainLength = 253;
    public const int MaxTopicLength = 100;

    public static Article Apply(Article article, ICollection<ArticleWarning> warnings)
    {
        var cut = new List<string>();
        var droppedUrls = new List<string>();
        var removedCharacters = false;
        string? Text(string? value, int max, string field)
        {
            if (value is null)
            {
                return null;
            }

            var clean = TextSanitizer.Clean(value);
            removedCharacters |= !ReferenceEquals(clean, value);
            var bounded = TextSanitizer.Cut(clean, max);
            if (bounded.Length != clean.Length)
            {
                cut.Add(field);
            }

            return bounded;
        }

        string? Url(string? value, string field)
        {
            if (value is null)
            {
                return null;
            }

            var clean = TextSanitizer.Clean(value);
            removedCharacters |= !ReferenceEquals(clean, value);
            if (clean.Length <= MaxUrlLength)
            {
                return clean;
            }

            droppedUrls.Add(field);
            return null;
        }

        ArticleProvider? Provider(ArticleProvider? provider, string path, int maxImages) => provider is null ? null : provider with
        {
            Name = Text(provider.Name, MaxNameLength, $"{path}.name"),
            Domain = Text(provider.Domain, MaxDomainLength, $"{path}.domain"),
            Images = Images(provider.Images, $"{path}.images", maxImages),
        };

        IReadOnlyList<ArticleImage> Images(IReadOnlyList<ArticleImage> images, string path, int max)
        {
            var kept = images.Select((image, i) => image with { Url = Url(image.Url, $"{path}[{i}].url") ?? string.Empty }).Where(image => image.Url.Length > 0).ToList();
            if (kept.Count > max)
            {
                warnings.Add(new ArticleWarning("images-capped", $"{path} has {kept.Count} images; the first {max} are kept."));
            }

            return kept[..Math.Min(max, kept.Count)];
        }

        foreach (var field in new[] { ("webUrl", article.WebUrl), ("originalUrl", article.OriginalUrl) })
        {
            if (field.Item2 is { Length: > MaxUrlLength } long_)
            {
                throw new ArticleParseException("url-too-long", $"{field.Item1} is {long_.Length} characters long; an article's address must be at most {MaxUrlLength}.");
            }
        }

        var title = TextSanitizer.Clean(article.Title).Trim();
        removedCharacters |= title.Length != article.Title.Length;
        if (title.Length == 0)
        {
            throw new ArticleParseException("missing-title", "The title holds only control characters; give the article a readable title.");
        }

        var bounded = article with
        {
            Title = title,
            Excerpt = Text(article.Excerpt, MaxExcerptLength, "excerpt"),
            Body = article.Body is null ? null : Text(article.Body, int.MaxValue, "body"),
            Category = Text(article.Category, MaxNameLength, "category"),
            Type = Text(article.Type, MaxNameLength, "type"),
            WebUrl = Url(article.WebUrl, "webUrl"),
            OriginalUrl = Url(article.OriginalUrl, "originalUrl"),
            AmpWebUrl = Url(article.AmpWebUrl, "ampWebUrl"),
            CdnAmpWebUrl = Url(article.CdnAmpWebUrl, "cdnAmpWebUrl"),
            Provider = Provider(article.Provider, "provider", MaxImages),
            Images = Images(article.Images, "images", MaxImages),
            Topics = Topics(article.Topics, warnings),
            Related = [.. article.Related.Take(MaxRelated).Select((related, i) => related with
            {
                Title = Text(related.Title, MaxRelatedTitleLength, $"related[{i}].title"),
                Excerpt = Text(related.Excerpt, MaxRelatedExcerptLength, $"related[{i}].excerpt"),
                WebUrl = Url(related.WebUrl, $"related[{i}].webUrl"),
                AmpWebUrl = Url(related.AmpWebUrl, $"related[{i}].ampWebUrl"),
                CdnAmpWebUrl = Url(related.CdnAmpWebUrl, $"related[{i}].cdnAmpWebUrl"),
                Type = Text(related.Type, MaxNameLength, $"related[{i}].type"),
                Provider = Provider(related.Provider, $"related[{i}].provider", MaxRelatedImages),
                Images = Images(related.Images, $"related[{i}].images", MaxRelatedImages),
            })],
        };

        if (article.Related.Count > MaxRelated)
        {
            warnings.Add(new ArticleWarning("related-capped", $"The related list has {article.Related.Count} entries; the first {MaxRelated} are kept (a file's say in its story is bounded anyway)."));
        }

        if (cut.Count > 0)
        {
            warnings.Add(new ArticleWarning("text-cut", $"Cut to its limit with '…': {Summarize(cut)}."));
        }

        if (droppedUrls.Count > 0)
        {
            warnings.Add(new ArticleWarning("url-dropped", $"Links over {MaxUrlLength} characters were dropped: {Summarize(droppedUrls)}."));
        }

        if (removedCharacters)
        {
            warnings.Add(new ArticleWarning("characters-removed", "Control characters or lone surrogates were removed: no feed format can carry them."));
        }

        return bounded;
    }

    private static IReadOnlyList<string> Topics(IReadOnlyList<string> topics, ICollection<ArticleWarning> warnings)
    {
        var kept = topics
            .Select(t => TextSanitizer.Cut(TextSanitizer.CleanName(t).Trim(), MaxTopicLength))
            .Where(t => t.Length > 0)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        if (kept.Count > MaxTopics)
        {
            warnings.Add(new ArticleWarning("topics-dropped", $"The file names {kept.Count} topics; the first {MaxTopics} are kept: {string.Join(", ", kept.Skip(MaxTopics).Take(5))}{(kept.Count > MaxTopics + 5 ? ", …" : string.Empty)} were dropped."));
            kept = kept[..MaxTopics];
        }

        return kept;
    }

    private static string Summarize(List<string> fields) =>
        fields.Count <= 5 ? string.Join(", ", fields) : $"{string.Join(", ", fields.Take(5))} and {fields.Count - 5} more";
}
