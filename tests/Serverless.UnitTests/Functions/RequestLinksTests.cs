using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Serverless.Domain.Feeds;
using Serverless.Functions.Http;

namespace Serverless.UnitTests.Functions;

/// <summary>Absolute links name Feeds:PublicBaseUrl when it is set, never the Host (or X-Forwarded-Host) a client sends.</summary>
public sealed class RequestLinksTests
{
    [Fact]
    public void AForgedHostIsNamedByNoLinkWhenThePublicBaseIsSet()
    {
        var request = Request("https://news.example.com");

        var links = new[]
        {
            RequestLinks.Self(request),
            RequestLinks.Api(request, "front"),
            RequestLinks.WithQuery(request, new Dictionary<string, string?> { ["cursor"] = "n", ["limit"] = "5" }),
            new Uri(RequestLinks.WithArticleLinks(request, [Item()]).Single().Url!),
        };

        Assert.All(links, link => Assert.DoesNotContain("evil.example", link.AbsoluteUri, StringComparison.OrdinalIgnoreCase));
        Assert.All(links, link => Assert.StartsWith("https://news.example.com/api/", link.AbsoluteUri, StringComparison.Ordinal));
        Assert.Equal("https://news.example.com/api/topics/ai/feed?cursor=n&limit=5", links[2].AbsoluteUri);
        Assert.Equal("https://news.example.com/api/articles/a1", links[3].AbsoluteUri);
    }

    [Fact]
    public void WithoutThePublicBaseLinksNameTheRequest()
    {
        var request = Request(null);

        Assert.Equal("http://evil.example:8080/api/front", RequestLinks.Api(request, "front").AbsoluteUri);
    }

    [Theory]
    [InlineData("news.example.com")]
    [InlineData("ftp://news.example.com")]
    [InlineData("https://news.example.com/?x=1")]
    [InlineData("/relative")]
    public void APublicBaseThatIsNoAbsoluteHttpUrlIsRefused(string value)
    {
        var options = new FeedOptions { PublicBaseUrl = value };

        var results = new List<ValidationResult>();
        Assert.False(Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true));
        Assert.Contains("PublicBaseUrl", Assert.Single(results).ErrorMessage, StringComparison.Ordinal);
    }

    private static HttpRequest Request(string? publicBaseUrl)
    {
        var services = new ServiceCollection().AddSingleton(Options.Create(new FeedOptions { PublicBaseUrl = publicBaseUrl })).BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("evil.example:8080");
        context.Request.Path = "/api/topics/ai/feed";
        context.Request.QueryString = new QueryString("?limit=5");
        context.Request.Headers["X-Forwarded-Host"] = "evil.example";
        return context.Request;
    }

    private static FeedItem Item() =>
        new("a1", "Title", null, null, DateTimeOffset.UnixEpoch, null, [], 1, ["ai"], "a1", 1);
}
