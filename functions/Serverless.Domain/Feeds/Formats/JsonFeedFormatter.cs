using System.Text.Json;
using System.Text.Json.Serialization;
using Serverless.Domain.Feeds;

namespace Serverless.Domain.Feeds.Formats;

/// <summary>JSON Feed 1.1 (https://jsonfeed.org/version/1.1), with <c>next_url</c> for paging.</summary>
public sealed class JsonFeedFormatter : FeedFormatter
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public override string Name => "jsonfeed";

    public override string MediaType => "application/feed+json";

    public override int AcceptPreference => 3;

    public override (Type Type, JsonSerializerOptions Options)? JsonBody(Type subjectResponse) => (typeof(JsonFeedDocument), Options);

    public override byte[] Render(FeedPage page) => JsonSerializer.SerializeToUtf8Bytes(
        new JsonFeedDocument(
            "https://jsonfeed.org/version/1.1",
            page.Subject.Title,
            page.Links.Home.AbsoluteUri,
            page.Links.Self.AbsoluteUri,
            page.Links.Next?.AbsoluteUri,
            page.Items.Select(item => new JsonFeedItem(
                item.Id,
                item.Url,
                item.Title,
                item.Excerpt,
                item.Excerpt ?? item.Title,
                item.Images.FirstOrDefault(),
                item.PublishedDateTime,
                item.Provider?.Name is { } name ? [new JsonFeedAuthor(name)] : null,
                item.Topics,
                new JsonFeedNews(item.Heat, item.StoryId, item.StorySize, item.StoryUrl, item.Topics))).ToList()),
        Options);
}
