using System.Text.Json;
using System.Text.Json.Serialization;
using Serverless.Domain.Feeds;

namespace Serverless.Domain.Feeds.Formats;

/// <summary>The service's own JSON (the default format): the page as its subject shapes it, for example <see cref="TopicFeedResponse"/>.</summary>
public sealed class JsonPageFormatter : FeedFormatter
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public override string Name => "json";

    public override string MediaType => "application/json";

    // Lowest: it is the default anyway, so an Accept header naming it beside a feed type gets the feed type.
    public override int AcceptPreference => 0;

    public override (Type Type, JsonSerializerOptions Options)? JsonBody(Type subjectResponse) => (subjectResponse, Options);

    public override byte[] Render(FeedPage page)
    {
        var response = page.Subject.ToJsonResponse(page);
        return JsonSerializer.SerializeToUtf8Bytes(response, response.GetType(), Options);
    }
}
