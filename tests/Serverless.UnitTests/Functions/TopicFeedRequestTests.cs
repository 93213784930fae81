using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Serverless.Functions.Feeds;
using Serverless.Functions.Http;

namespace Serverless.UnitTests.Functions;

/// <summary>Parsing the query of a topic feed request, and the link to its next page.</summary>
public sealed class TopicFeedRequestTests
{
    [Fact]
    public void AnEmptyQueryAsksForTheFirstPageInJson()
    {
        Assert.True(TopicFeedRequest.TryParse(Request(""), out var parsed, out _));

        Assert.Equal(new TopicFeedRequest(parsed.Format, false, TopicFeedRequest.DefaultLimit, null, null), parsed);
        Assert.Equal("json", parsed.Format.Name);
    }

    [Fact]
    public void EveryParameterIsRead()
    {
        Assert.True(TopicFeedRequest.TryParse(Request("?format=Atom&limit=7&minHeat=12.5&cursor=abc"), out var parsed, out _));

        Assert.Equal(("atom", true, 7, 12.5, "abc"), (parsed.Format.Name, parsed.FormatNamed, parsed.Limit, parsed.MinHeat, parsed.Cursor));
    }

    [Fact]
    public void AnAcceptHeaderChoosesTheFormatWhenTheQueryNamesNone()
    {
        Assert.True(TopicFeedRequest.TryParse(Request("?cursor=", accept: "application/rss+xml"), out var parsed, out _));

        Assert.Equal(("rss", false, null), (parsed.Format.Name, parsed.FormatNamed, parsed.Cursor));
    }

    [Theory]
    [InlineData("?format=xml", "Unknown format", "format must be one of json, jsonfeed, rss or atom, not 'xml'.")]
    [InlineData("?limit=0", "Invalid limit", "limit must be a whole number from 1 to 100, not '0'.")]
    [InlineData("?limit=101", "Invalid limit", "limit must be a whole number from 1 to 100, not '101'.")]
    [InlineData("?limit=%2B5", "Invalid limit", "limit must be a whole number from 1 to 100, not '+5'.")]
    [InlineData("?limit=", "Invalid limit", "limit must be a whole number from 1 to 100, not ''.")]
    [InlineData("?minHeat=-3", "Invalid minHeat", "minHeat must be a number of at least 0, not '-3'.")]
    [InlineData("?minHeat=NaN", "Invalid minHeat", "minHeat must be a number of at least 0, not 'NaN'.")]
    [InlineData("?minHeat=-1&limit=0&format=xml", "Unknown format", "format must be one of json, jsonfeed, rss or atom, not 'xml'.")]
    [InlineData("?minHeat=-1&limit=0", "Invalid limit", "limit must be a whole number from 1 to 100, not '0'.")]
    public void AWrongParameterIsA400ProblemNamingIt(string query, string title, string detail)
    {
        Assert.False(TopicFeedRequest.TryParse(Request(query), out _, out var problem));

        var body = ProblemOf(problem);
        Assert.Equal((400, title, detail), (body.GetProperty("status").GetInt32(), body.GetProperty("title").GetString(), body.GetProperty("detail").GetString()));
    }

    [Fact]
    public void AHugeValueIsQuotedShortened()
    {
        Assert.False(TopicFeedRequest.TryParse(Request("?format=" + new string('x', 500)), out _, out var problem));

        Assert.Contains($"not '{new string('x', 61)}...'.", ProblemOf(problem).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "http://localhost:7071/api/topics/ai/feed?cursor=c1")]
    [InlineData("?limit=20&foo=bar", "http://localhost:7071/api/topics/ai/feed?cursor=c1")]
    [InlineData("?limit=5&minHeat=0.5&format=RSS&cursor=c0", "http://localhost:7071/api/topics/ai/feed?limit=5&minHeat=0.5&format=rss&cursor=c1")]
    [InlineData("?format=", "http://localhost:7071/api/topics/ai/feed?format=json&cursor=c1")]
    public void TheNextLinkKeepsTheRequestsParametersWithTheNextCursor(string query, string expected)
    {
        var request = Request(query);
        Assert.True(TopicFeedRequest.TryParse(request, out var parsed, out _));

        Assert.Equal(expected, parsed.NextLink(request, "c1").AbsoluteUri);
    }

    private static HttpRequest Request(string query, string? accept = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("localhost:7071");
        context.Request.Path = "/api/topics/ai/feed";
        context.Request.QueryString = new QueryString(query);
        if (accept is not null)
        {
            context.Request.Headers.Accept = accept;
        }

        return context.Request;
    }

    private static JsonElement ProblemOf(Microsoft.AspNetCore.Mvc.IActionResult problem)
    {
        var result = Assert.IsType<PayloadResult>(problem);
        Assert.Equal("application/problem+json; charset=utf-8", result.ContentType);
        return JsonDocument.Parse(result.Body).RootElement.Clone();
    }
}
