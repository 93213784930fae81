using System.Text;
using Serverless.Domain.Articles;
using Serverless.Domain.Parsing;
using Serverless.UnitTests.Support;

namespace Serverless.UnitTests.Parsing;

/// <summary>Real-world variations that must be accepted, and bad input that must come back as a precise error.</summary>
public sealed class ArticleParserInputTests
{
    private const string Minimal = """
        ---
        title: "Hello &amp; welcome"
        webUrl: "https://example.com/news/hello?utm_source=x&id=7"
        publishedDateTime: 2024-01-02T03:04:05Z
        quality: 42
        topics:
          - AI
        ---
        The *body* in Markdown.
        """;

    [Fact]
    public void AcceptsBomAndCrlfLineEnds()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(Minimal.Replace("\n", "\r\n"))).ToArray();

        var result = Parsers.Create().Parse(bytes, "a.md");

        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.Equal("Hello & welcome", result.Article.Title);
        Assert.Equal("The *body* in Markdown.", result.Article.Body);
        Assert.Equal(42, result.Article.Quality);
    }

    [Fact]
    public void DecodesHtmlEntitiesInTextButNotInUrls()
    {
        var article = Succeed(Minimal);

        Assert.Equal("Hello & welcome", article.Title);
        Assert.Equal("https://example.com/news/hello?utm_source=x&id=7", article.WebUrl);
        Assert.Equal("https://example.com/news/hello?id=7", article.CanonicalUrl);
    }

    [Fact]
    public void KeepsUnknownFieldsAndFeaturedContent()
    {
        var article = Succeed("""
            ---
            title: T
            webUrl: https://example.com/a
            sentiment: 0.7
            featuredContent:
              kind: video
              url: https://example.com/v.mp4
            related:
              - title: R
                webUrl: https://example.com/b
                score: 3
            ---
            """);

        Assert.Equal(0.7, article.AdditionalFields!["sentiment"]!.GetValue<double>());
        Assert.Equal("video", article.FeaturedContent!["kind"]!.GetValue<string>());
        Assert.Equal(3, article.Related[0].AdditionalFields!["score"]!.GetValue<long>());
    }

    [Fact]
    public void ParsesJsonWithTheSameFieldNames()
    {
        var article = Succeed("""
            { "title": "From JSON", "webUrl": "https://example.com/j", "quality": 55, "published": true,
              "provider": { "name": "Example", "domain": "example.com" }, "topics": ["AI", "Machine Learning"],
              "related": [ { "title": "Other", "webUrl": "https://other.example/x" } ] }
            """);

        Assert.Equal(ArticleFormat.Json, article.Format);
        Assert.Equal("From JSON", article.Title);
        Assert.Equal(55, article.Quality);
        Assert.True(article.Published);
        Assert.Equal("Example", article.Provider!.Name);
        Assert.Equal(["AI", "Machine Learning"], article.Topics);
        Assert.Single(article.Related);
    }

    [Fact]
    public void PlainTextSkipsLeadingBlankLines()
    {
        var article = Succeed("\n\n  Title line  \r\n\r\nBody one.\nBody two.\n");

        Assert.Equal(ArticleFormat.PlainText, article.Format);
        Assert.Equal("Title line", article.Title);
        Assert.Equal("Body one.\nBody two.", article.Body);
    }

    [Fact]
    public void SameUrlWithDifferentTrackingGivesTheSameId()
    {
        var first = Succeed("---\ntitle: A\nwebUrl: https://Example.com/x/?ref=upstract.com\n---\n");
        var second = Succeed("---\ntitle: A\noriginalUrl: http://example.com/x?utm_campaign=y\n---\n");

        Assert.Equal(first.Id, second.Id);
    }

    [Fact]
    public void EmptyFileIsRejected() => Fail("   \n\n", "empty");

    [Fact]
    public void BinaryFileIsRejected()
    {
        var result = Parsers.Create().Parse([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D], "image.png");

        Assert.False(result.Succeeded);
        Assert.Equal("binary", result.Error.Code);
    }

    [Fact]
    public void InvalidUtf8IsRejectedWithItsOffset()
    {
        var bytes = Encoding.UTF8.GetBytes("Title\nbody ").Concat(new byte[] { 0xC3, 0x28 }).ToArray();

        var result = Parsers.Create().Parse(bytes, "latin1.txt");

        Assert.False(result.Succeeded);
        Assert.Equal("invalid-utf8", result.Error.Code);
        Assert.Contains("offset 11", result.Error.Message);
    }

    [Fact]
    public void YamlSyntaxErrorReportsLineAndColumn()
    {
        var error = Fail("---\ntitle: ok\nexcerpt: \"unterminated\nquality: 3\n---\n", "yaml-syntax");

        Assert.NotNull(error.Line);
        Assert.InRange(error.Line!.Value, 3, 5);
        Assert.NotNull(error.Column);
    }

    [Fact]
    public void WrongTypeNamesTheFieldAndItsPlace()
    {
        var error = Fail("---\ntitle: ok\nquality: high\n---\n", "wrong-type");

        Assert.Contains("quality must be a number, not '\"high\"'", error.Message);
        Assert.Equal(3, error.Line);
        Assert.Equal(10, error.Column);
    }

    [Fact]
    public void UnparseableDateIsRejected()
    {
        var error = Fail("---\ntitle: ok\npublishedDateTime: last tuesday\n---\n", "bad-date");

        Assert.Equal(3, error.Line);
        Assert.Contains("ISO 8601", error.Message);
    }

    [Fact]
    public void AbsurdDateIsRejected() => Fail("---\ntitle: ok\npublishedDateTime: 0001-01-01T00:00:00Z\n---\n", "bad-date");

    [Fact]
    public void MissingTitleIsRejected() => Fail("---\nexcerpt: no title here\nwebUrl: https://example.com/x\n---\n", "missing-title");

    [Fact]
    public void FrontMatterThatIsNotAMappingIsRejected()
    {
        var error = Fail("---\n- one\n- two\n---\n", "front-matter-not-mapping");

        Assert.Contains("a list", error.Message);
    }

    [Fact]
    public void UnclosedFrontMatterIsRejected() => Fail("---\ntitle: never closed\n", "unclosed-front-matter");

    [Fact]
    public void DuplicateKeyIsRejected()
    {
        var error = Fail("---\ntitle: one\ntitle: two\n---\n", "duplicate-key");

        Assert.Equal(3, error.Line);
    }

    [Fact]
    public void AliasBombIsRejectedQuickly()
    {
        var bomb = new StringBuilder("---\ntitle: bomb\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i < 12; i++)
        {
            bomb.Append($"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]\n");
        }

        bomb.Append("---\n");
        var error = Fail(bomb.ToString(), "too-large");

        Assert.Contains("aliases", error.Message);
    }

    [Fact]
    public void DeepNestingIsRejected() => Fail("---\ntitle: deep\nx: " + new string('[', 5_000) + new string(']', 5_000) + "\n---\n", "too-deep");

    [Fact]
    public void DeepJsonNestingIsRejected() => Fail("{\"title\": \"x\", \"a\": " + new string('[', 5_000) + new string(']', 5_000) + "}", "json-syntax");

    [Fact]
    public void QualityOutsideTheScaleIsClampedWithAWarning()
    {
        foreach (var (declared, counted) in new[] { ("-5", 0), ("100000", 200), ("1e308", 200), ("\"250\"", 200) })
        {
            var result = Parsers.Parse($"---\ntitle: ok\nquality: {declared}\n---\n");
            Assert.True(result.Succeeded, result.Error?.ToString());
            Assert.Equal(counted, result.Article.Quality);
            Assert.Contains(result.Warnings, w => w.Code == "quality-clamped" && w.Message.Contains("$.quality", StringComparison.Ordinal));
        }

        Assert.Empty(Parsers.Parse("---\ntitle: ok\nquality: 180\n---\n").Warnings);
    }

    [Fact]
    public void OverlongPlainTextTitleIsRejected() => Fail(new string('x', 5_000) + "\nbody", "title-too-long");

    private static Article Succeed(string text)
    {
        var result = Parsers.Parse(text);
        Assert.True(result.Succeeded, result.Error?.ToString());
        return result.Article;
    }

    private static ArticleParseError Fail(string text, string code)
    {
        var result = Parsers.Parse(text);
        Assert.False(result.Succeeded, "expected a rejection");
        Assert.Equal(code, result.Error.Code);
        Assert.False(string.IsNullOrWhiteSpace(result.Error.Message));
        return result.Error;
    }
}
