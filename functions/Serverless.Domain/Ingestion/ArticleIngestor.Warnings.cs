using Serverless.Domain.Articles;
using Serverless.Domain.Parsing;

namespace Serverless.Domain.Ingestion;

// What an accepted file's status says was adjusted (README "Heat", Trust).
public sealed partial class ArticleIngestor
{
    /// <summary>What the parse adjusted, and a date ahead of now, which ranks as its first ingest does (<see cref="ArticleSummary.RankedAt"/>).</summary>
    private static List<ArticleWarning> WarningsOf(ArticleParseResult parsed, DateTimeOffset now)
    {
        var warnings = parsed.Warnings.ToList();
        if (parsed.Article?.PublishedDateTime is { } stated && stated > now + ArticleSummary.ClockSkewTolerance)
        {
            warnings.Add(new ArticleWarning(
                "date-in-future",
                $"publishedDateTime {stated:O} is ahead of the time of ingest ({now:O}); the article keeps it, but ranks and ages from its first ingest plus {ArticleSummary.ClockSkewTolerance.TotalMinutes:F0} minutes."));
        }

        return warnings;
    }
}
