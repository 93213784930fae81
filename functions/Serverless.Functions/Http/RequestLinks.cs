using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;

namespace Serverless.Functions.Http;

/// <summary>Absolute URLs built from the request the function is answering (host, path, chosen query).</summary>
public static class RequestLinks
{
    public static Uri Self(HttpRequest request) => new(request.GetEncodedUrl());

    public static Uri Api(HttpRequest request, string relative) =>
        new($"{request.Scheme}://{request.Host}{ApiBase(request)}/{relative.TrimStart('/')}");

    /// <summary>The path up to and including the route prefix (<c>/api</c>).</summary>
    public static string ApiBase(HttpRequest request)
    {
        var path = request.PathBase.Add(request.Path).Value ?? string.Empty;
        var api = path.IndexOf("/api/", StringComparison.OrdinalIgnoreCase);
        return api >= 0 ? path[..(api + 4)] : "/api";
    }

    /// <summary>Items without a URL of their own (plain text) link to their page in this API, so every item has a link.</summary>
    public static IReadOnlyList<Domain.Feeds.FeedItem> WithArticleLinks(HttpRequest request, IEnumerable<Domain.Feeds.FeedItem> items) =>
        items.Select(i => i with { Url = i.Url ?? Api(request, $"articles/{i.Id}").AbsoluteUri }).ToList();

    public static Uri WithQuery(HttpRequest request, IDictionary<string, string?> query) =>
        new($"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}{QueryString.Create(query.Where(kv => kv.Value is not null))}");
}
