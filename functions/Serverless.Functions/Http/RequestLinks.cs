using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Serverless.Domain.Feeds;

namespace Serverless.Functions.Http;

/// <summary>
/// Absolute URLs for the request the function is answering (path, chosen query). Their scheme and host come from
/// <see cref="FeedOptions.PublicBaseUrl"/> when it is set, so a forged or origin <c>Host</c> never reaches a cached
/// response; only when it is unset (local development) from the request itself.
/// </summary>
public static class RequestLinks
{
    public static Uri Self(HttpRequest request) =>
        PublicBase(request) is { } root ? new($"{Origin(request, root)}{root.AbsolutePath.TrimEnd('/')}{request.PathBase}{request.Path}{request.QueryString}") : new(request.GetEncodedUrl());

    public static Uri Api(HttpRequest request, string relative) =>
        new($"{Origin(request, PublicBase(request))}{ApiBase(request)}/{relative.TrimStart('/')}");

    /// <summary>The path up to and including the route prefix (<c>/api</c>).</summary>
    public static string ApiBase(HttpRequest request)
    {
        var path = request.PathBase.Add(request.Path).Value ?? string.Empty;
        var api = path.IndexOf("/api/", StringComparison.OrdinalIgnoreCase);
        var local = api >= 0 ? path[..(api + 4)] : "/api";
        return PublicBase(request) is { } root ? root.AbsolutePath.TrimEnd('/') + local : local;
    }

    /// <summary>
    /// Items without a URL of their own (plain text) link to their page in this API, so every item has a link; every
    /// item links to its story's page.
    /// </summary>
    public static IReadOnlyList<FeedItem> WithArticleLinks(HttpRequest request, IEnumerable<FeedItem> items) =>
        items.Select(i => i with { Url = i.Url ?? Api(request, $"articles/{i.Id}").AbsoluteUri, StoryUrl = Api(request, $"stories/{i.StoryId}").AbsoluteUri }).ToList();

    /// <summary>Ingested story members without a URL of their own link to their page in this API, as feed items do.</summary>
    public static IReadOnlyList<StoryMemberView> WithArticleLinks(HttpRequest request, IEnumerable<StoryMemberView> members) =>
        members.Select(m => m.Url is null && m.Id is not null ? m with { Url = Api(request, $"articles/{m.Id}").AbsoluteUri } : m).ToList();

    public static Uri WithQuery(HttpRequest request, IDictionary<string, string?> query) =>
        new($"{Origin(request, PublicBase(request))}{(PublicBase(request) is { } root ? root.AbsolutePath.TrimEnd('/') : string.Empty)}{request.PathBase}{request.Path}{QueryString.Create(query.Where(kv => kv.Value is not null))}");

    private static Uri? PublicBase(HttpRequest request) =>
        request.HttpContext.RequestServices?.GetService<IOptions<FeedOptions>>()?.Value.PublicBase;

    /// <summary>scheme://host[:port] of the public base, else of the request.</summary>
    private static string Origin(HttpRequest request, Uri? root) =>
        root is null ? $"{request.Scheme}://{request.Host}" : root.GetLeftPart(UriPartial.Authority);
}
