using Serverless.Domain.Articles;

namespace Serverless.UnitTests.Articles;

public sealed class UrlCanonicalizerTests
{
    [Theory]
    [InlineData("https://www.example.com/a/b/?ref=upstract.com", "https://www.example.com/a/b")]
    [InlineData("http://WWW.Example.com/a/b", "https://www.example.com/a/b")]
    [InlineData("https://example.com/a?utm_source=x&utm_medium=y", "https://example.com/a")]
    [InlineData("https://example.com/a?b=2&a=1#section", "https://example.com/a?a=1&b=2")]
    [InlineData("https://example.com:8443/a", "https://example.com:8443/a")]
    [InlineData("https://example.com/news/technology-63861322?at_link_origin=BBCWorld&at_format=link", "https://example.com/news/technology-63861322")]
    public void Canonicalizes(string url, string expected) => Assert.Equal(expected, UrlCanonicalizer.Canonicalize(url));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("javascript:alert(1)")]
    [InlineData("ftp://example.com/file")]
    [InlineData("/relative/path")]
    [InlineData("data:text/html,<script>")]
    public void RejectsWhatIsNotAnHttpUrl(string? url) => Assert.Null(UrlCanonicalizer.Canonicalize(url));
}
