using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Serverless.Domain.Articles;

namespace Serverless.IntegrationTests.Feeds;

/// <summary>Feeds and article answers link to the uploaded webUrl, not to the canonical identity URL.</summary>
public sealed partial class ArticleLinkEndpointTests : IClassFixture<FeedHostFixture>
{
    private readonly FeedHostFixture _fixture;

    public ArticleLinkEndpointTests(FeedHostFixture fixture)
    {
        _fixture = fixture;
    }

    [SharedDataFact]
    public async Task ACorpusArticleWhoseWebUrlEndsInASlashKeepsTheSlashInTheFeedAndTheArticle()
    {
        var withSlash = Directory.GetFiles(RepositoryPaths.Corpus)
            .Select(file => WebUrlLine().Match(File.ReadAllText(file)))
            .Where(m => m.Success && m.Groups["url"].Value.EndsWith('/'))
            .Select(m => m.Groups["url"].Value)
            .Where(url => UrlCanonicalizer.Canonicalize(url) is not null)
            .ToDictionary(url => ArticleIdentity.FromCanonicalUrl(UrlCanonicalizer.Canonicalize(url)!), url => url);
        Assert.NotEmpty(withSlash);

        var found = 0;
        string? foundId = null;
        string? next = "api/topics/ai/feed?limit=100";
        for (var pages = 0; next is not null && pages < 20; pages++)
        {
            var page = await _fixture.Http.GetFromJsonAsync<JsonElement>(next);
            foreach (var item in page.GetProperty("items").EnumerateArray())
            {
                if (withSlash.TryGetValue(item.GetProperty("id").GetString()!, out var webUrl))
                {
                    found++;
                    foundId ??= item.GetProperty("id").GetString();
                    Assert.Equal(ArticleLink.Clean(webUrl), item.GetProperty("url").GetString());
                    Assert.EndsWith("/", item.GetProperty("url").GetString());
                }
            }

            next = page.GetProperty("next").ValueKind == JsonValueKind.Null ? null : page.GetProperty("next").GetString();
        }

        Assert.True(found > 0, "no corpus article with a trailing-slash webUrl was in the ai feed");
        var article = await _fixture.Http.GetFromJsonAsync<JsonElement>($"api/articles/{foundId}");
        Assert.Equal(ArticleLink.Clean(withSlash[foundId!]), article.GetProperty("url").GetString());
    }

    [GeneratedRegex(@"^webUrl:\s*""?(?<url>[^""\r\n]+?)""?\s*$", RegexOptions.Multiline)]
    private static partial Regex WebUrlLine();
}
