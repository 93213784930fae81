namespace Serverless.Domain.Feeds;

/// <summary>Who reported a story first: <paramref name="Article"/> is the article's id when it was ingested, else its URL.</summary>
/// <param name="Evidence">What the claim rests on: <c>article</c>, an ingested article's own date; <c>citation</c>, only
/// the date another file's related list gives it (which never beats an ingested article earlier than that file).</param>
public sealed record StoryFirstReport(string Article, string? Outlet, DateTimeOffset? PublishedDateTime, string Evidence = StoryFirstReport.ArticleEvidence)
{
    public const string ArticleEvidence = "article";
    public const string CitationEvidence = "citation";
}
