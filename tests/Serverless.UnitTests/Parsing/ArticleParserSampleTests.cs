using Serverless.Domain.Articles;
using Serverless.UnitTests.Support;

namespace Serverless.UnitTests.Parsing;

/// <summary>The parser on the real files in ../shared: every one parses, and a few are checked field by field.</summary>
public sealed class ArticleParserSampleTests
{
    [SharedDataFact]
    public void EverySampleAndCorpusFileParses()
    {
        var parser = Parsers.Create();
        var files = Directory.GetFiles(RepositoryPaths.Samples).Concat(Directory.GetFiles(RepositoryPaths.Corpus)).ToList();
        Assert.True(files.Count >= 100, $"expected the shared corpus, found {files.Count} files");

        var failures = files
            .Select(file => (file, result: parser.Parse(File.ReadAllBytes(file), Path.GetFileName(file))))
            .Where(x => !x.result.Succeeded)
            .Select(x => $"{Path.GetFileName(x.file)}: {x.result.Error}")
            .ToList();

        Assert.Empty(failures);
    }

    [SharedDataFact]
    public void FrontMatterSampleMapsEveryField()
    {
        var article = ParseSample("000_dfec47ea3db8929c.txt");

        Assert.Equal(ArticleFormat.FrontMatter, article.Format);
        Assert.Equal("news", article.Category);
        Assert.Equal("Studios Quietly Go on Hiring Spree for AI Specialist Jobs Amid Picket Line Anxiety", article.Title);
        Assert.StartsWith("Netflix is hiring a $900,000 per year AI product manager", article.Excerpt);
        Assert.Equal(new DateTimeOffset(2023, 7, 27, 20, 36, 0, TimeSpan.Zero), article.PublishedDateTime);
        Assert.Equal("https://www.hollywoodreporter.com/business/business-news/ai-jobs-studios-hire-1235545491/?ref=upstract.com", article.WebUrl);
        Assert.Equal(article.WebUrl, article.OriginalUrl);
        Assert.Equal("https://www.hollywoodreporter.com/business/business-news/ai-jobs-studios-hire-1235545491", article.CanonicalUrl);
        Assert.Equal(ArticleIdentity.FromCanonicalUrl(article.CanonicalUrl!), article.Id);
        Assert.Equal("article", article.Type);
        Assert.Equal(13, article.Quality);
        Assert.Equal(-1, article.Heat);
        Assert.False(article.Published);
        Assert.Equal("The Hollywood Reporter", article.Provider!.Name);
        Assert.Equal("hollywoodreporter.com", article.Provider.Domain);
        Assert.Equal(["AI Ethics", "AI"], article.Topics);
        Assert.StartsWith("1cRqAmom27nvrloeXQhY0gJcrfFyGC+7pD1HPQsT6zo", article.Secured);
        Assert.EndsWith(";MajTDhucvvi/N2adcQAv7Q==", article.Secured);
        Assert.Null(article.Body);

        var related = Assert.Single(article.Related);
        Assert.Equal("Studios Quietly Go On Hiring Spree for AI Specialist Jobs Amid Picket Line Anxiety", related.Title);
        Assert.Equal(new DateTimeOffset(2023, 7, 27, 12, 55, 0, TimeSpan.Zero), related.PublishedDateTime);
        Assert.Equal("https://www.hollywoodreporter.com/business/business-news/ai-jobs-studios-hire-1235545491/amp/", related.AmpWebUrl);
        Assert.StartsWith("https://www-hollywoodreporter-com.cdn.ampproject.org/c/s/", related.CdnAmpWebUrl);
        Assert.Equal("The Hollywood Reporter", related.Provider!.Name);
        Assert.Equal(53, related.Quality);
        var image = Assert.Single(related.Images);
        Assert.Equal(1024, image.Width);
        Assert.Equal(576, image.Height);
        Assert.True(image.IsCached);
    }

    [SharedDataFact]
    public void ProviderImagesAndRelatedListsAreKept()
    {
        var article = ParseSample("003_6962ef91c70fe8ed.txt");

        Assert.Equal("Engadget", article.Provider!.Name);
        var logo = Assert.Single(article.Provider.Images);
        Assert.Equal("https://everyday-cc.github.io/ai/assets/images/organizations/engadget.com-50x50.jpg", logo.Url);
        Assert.Equal(50, logo.Width);
        Assert.True(article.Related.Count >= 2);
        Assert.Equal("New York Post", article.Related[0].Provider!.Name);
        Assert.All(article.Related, r => Assert.NotNull(r.WebUrl));
    }

    [SharedDataFact]
    public void PlainTextSampleHasTitleLineAndBody()
    {
        var article = ParseSample("002_30fe55b47ae54c5c.txt");

        Assert.Equal(ArticleFormat.PlainText, article.Format);
        Assert.Equal("As actors and writers push back on automation, Hollywood is in the midst of an AI hiring boom", article.Title);
        Assert.StartsWith("A picketer outside Sony Pictures", article.Body);
        Assert.Contains("Product Manager — Machine Learning Platform", article.Body);
        Assert.Null(article.CanonicalUrl);
        Assert.Equal(ArticleIdentity.FromBlobName("002_30fe55b47ae54c5c.txt"), article.Id);
        Assert.Empty(article.Topics);
    }

    [SharedDataFact]
    public void CorpusFileWithAmpUrlsAndImagesMapsThem()
    {
        var file = Path.Combine(RepositoryPaths.Corpus, "2022-12-07-chatgpt-new-ai-chatbot-has-everyone-talking-to-it.md");
        var result = Parsers.Create().Parse(File.ReadAllBytes(file), Path.GetFileName(file));

        Assert.True(result.Succeeded, result.Error?.ToString());
        var article = result.Article;
        Assert.Equal("https://www.bbc.com/news/technology-63861322.amp", article.AmpWebUrl);
        Assert.Equal("https://www-bbc-com.cdn.ampproject.org/c/s/www.bbc.com/news/technology-63861322.amp", article.CdnAmpWebUrl);
        // The BBC's campaign parameters (at_*) are tracking, so they are not part of the identity.
        Assert.Equal("https://www.bbc.com/news/technology-63861322", article.CanonicalUrl);
        Assert.Equal(87, article.Quality);
        Assert.Equal(1024, Assert.Single(article.Images).Width);
        Assert.True(article.Related.Count > 3);
    }

    [SharedDataFact]
    public void CorpusFilesWithoutQualityHeatOrPublishedAreAccepted()
    {
        var parser = Parsers.Create();
        var withoutQuality = Directory.GetFiles(RepositoryPaths.Corpus)
            .Where(f => !File.ReadAllText(f).Contains("\nquality:", StringComparison.Ordinal))
            .ToList();

        Assert.NotEmpty(withoutQuality);
        foreach (var file in withoutQuality)
        {
            var result = parser.Parse(File.ReadAllBytes(file), Path.GetFileName(file));
            Assert.True(result.Succeeded, result.Error?.ToString());
            Assert.Null(result.Article.Quality);
            Assert.Equal(-1, result.Article.Heat);
        }
    }

    private static Article ParseSample(string name)
    {
        var path = Path.Combine(RepositoryPaths.Samples, name);
        var result = Parsers.Create().Parse(File.ReadAllBytes(path), name);
        Assert.True(result.Succeeded, result.Error?.ToString());
        return result.Article;
    }
}
