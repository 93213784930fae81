using Serverless.Domain.Articles;

namespace Serverless.UnitTests.Articles;

public sealed class OutletKeyTests
{
    [Theory]
    [InlineData("https://www.bbc.co.uk/news/ash", "bbc.co.uk")]
    [InlineData("https://edition.cnn.com/ash", "cnn.com")]
    [InlineData("http://news1.spam-farm.com/a", "spam-farm.com")]
    [InlineData("https://NEWS2.Spam-Farm.com./b", "spam-farm.com")]
    [InlineData("https://alice.github.io/post", "alice.github.io")]
    [InlineData("https://www.news.com.au/x", "news.com.au")]
    [InlineData("https://engadget.com/x", "engadget.com")]
    [InlineData("https://bücher.de/x", "xn--bcher-kva.de")]
    public void AnOutletIsTheRegistrableDomainOfTheUrl(string url, string outlet) => Assert.Equal(outlet, OutletKey.Of(url));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not a url")]
    [InlineData("/relative/path")]
    [InlineData("ftp://files.example.com/a")]
    public void ThereIsNoOutletWithoutAnAbsoluteHttpUrl(string? url) => Assert.Null(OutletKey.Of(url));

    [Fact]
    public void WildcardAndExceptionRulesFollowTheListsAlgorithm()
    {
        var list = PublicSuffixList.Parse(["com", "*.ck", "!www.ck", "co.uk", "uk"]);

        Assert.Equal("example.com", list.RegistrableDomain("a.b.example.com"));
        Assert.Equal("shop.site.ck", list.RegistrableDomain("x.shop.site.ck"));
        Assert.Null(list.RegistrableDomain("site.ck"));
        Assert.Equal("www.ck", list.RegistrableDomain("www.ck"));
        Assert.Equal("bbc.co.uk", list.RegistrableDomain("www.bbc.co.uk"));
        Assert.Null(list.RegistrableDomain("co.uk"));
        Assert.Equal("example.unknowntld", list.RegistrableDomain("a.example.unknowntld"));
        Assert.Null(list.RegistrableDomain("127.0.0.1"));
    }

    [Fact]
    public void ManyDeclaredNamesOnOneHostAreOneOutletInASummary()
    {
        var related = Enumerable.Range(0, 5).Select(i => new RelatedArticle
        {
            WebUrl = $"https://site{i}.spam-farm.com/a",
            Provider = new ArticleProvider { Name = $"Outlet {i}", Domain = $"outlet{i}.com" },
        }).ToList();
        var article = new Article { Id = "x", Title = "t", WebUrl = "https://www.example.org/a", Related = related };

        var summary = ArticleSummary.From(article, DateTimeOffset.UnixEpoch);

        Assert.Equal("example.org", summary.Outlet);
        Assert.Equal(["spam-farm.com"], summary.RelatedProviders);
    }
}
