using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Functions.Feeds;

namespace Serverless.IntegrationTests.Support;

/// <summary>GET /api/stories/{id} answered in process by the function class, as the host would call it.</summary>
public static class StoryRequests
{
    public sealed record Answer(int Status, string Body, IHeaderDictionary Headers);

    public static async Task<Answer> GetAsync(IServiceProvider pipeline, string storyId, string query = "", string? accept = null)
    {
        var function = ActivatorUtilities.CreateInstance<GetStory>(pipeline);
        var context = new DefaultHttpContext { RequestServices = pipeline };
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("news.test");
        context.Request.Path = $"/api/stories/{storyId}";
        context.Request.QueryString = new QueryString(query.Length == 0 || query.StartsWith('?') ? query : "?" + query);
        if (accept is not null)
        {
            context.Request.Headers.Accept = accept;
        }

        var body = new MemoryStream();
        context.Response.Body = body;
        var result = await function.Run(context.Request, storyId, CancellationToken.None);
        await result.ExecuteResultAsync(new ActionContext(context, new RouteData(), new ActionDescriptor()));
        return new Answer(context.Response.StatusCode, Encoding.UTF8.GetString(body.ToArray()), context.Response.Headers);
    }

    /// <summary>The query of a next link (<c>?cursor=…</c>), for the following request.</summary>
    public static string QueryOf(string next) => new Uri(next).Query;
}
