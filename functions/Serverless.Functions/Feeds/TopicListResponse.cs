using Microsoft.AspNetCore.Http;
using Serverless.Domain.Feeds;
using Serverless.Functions.Http;

namespace Serverless.Functions.Feeds;

/// <summary>The wire shape of GET /api/topics: every topic, hottest first.</summary>
public sealed record TopicListResponse(IReadOnlyList<TopicListItem> Topics)
{
    public static TopicListResponse From(HttpRequest request, IEnumerable<TopicInfo> topics) => new(
        topics.Select(t => new TopicListItem(
            t.Id,
            t.Name,
            t.Parent,
            t.ArticleCount,
            t.HottestHeat,
            RequestLinks.Api(request, $"topics/{Uri.EscapeDataString(t.Id)}/feed").AbsoluteUri)).ToList());
}
