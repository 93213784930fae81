using Serverless.Domain.Articles;

namespace Serverless.UnitTests.Articles;

public sealed class ArticleLinkTests
{
    [Theory]
    [InlineData("http://intranet.example.com:8080/news/item", "http://intranet.example.com:8080/news/item")]
    [InlineData("https://blog.example.com/april-2024-update/", "https://blog.example.com/april-2024-update/")]
    [InlineData("https://example.com/a?utm_source=x&id=7&utm_medium=y", "https://example.com/a?id=7")]
    [InlineData("https://example.com/a?b=2&fbclid=q&a=1", "https://example.com/a?b=2&a=1")]
    [InlineData("https://example.com/a?utm_source=x", "https://example.com/a")]
    [InlineData("https://example.com/a/?b=2#part", "https://example.com/a/?b=2#part")]
    public void KeepsTheUploadedFormWithoutTracking(string url, string expected) =>
        Assert.Equal(expected, ArticleLink.Clean(url));

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("/relative/path")]
    [InlineData("data:text/html,hi")]
    [InlineData("")]
    [InlineData(null)]
    public void RejectsWhatIsNotAnAbsoluteHttpLink(string? url) => Assert.Null(ArticleLink.Clean(url));

    [Fact]
    public void PrefersTheWebUrlThenTheOriginalUrl()
    {
        Assert.Equal("https://a.example/x/", ArticleLink.From("https://a.example/x/", "https://b.example/y"));
        Assert.Equal("https://b.example/y", ArticleLink.From("javascript:alert(1)", "https://b.example/y"));
        Assert.Null(ArticleLink.From(null, "/relative"));
    }

    [Fact]
    public void TheSummaryLinksToTheUploadedUrlNotTheCanonicalOne()
    {
        var article = new Article
        {
            Id = "a",
            Title = "t",
            WebUrl = "http://site.example:8080/april-2024-update/?utm_source=feed",
            CanonicalUrl = "https://site.example:8080/april-2024-update",
        };

        Assert.Equal("http://site.example:8080/april-2024-update/", ArticleSummary.From(article, DateTimeOffset.UnixEpoch).Url);
    }
}
