using Microsoft.OpenApi.Models;
using Serverless.Domain.Feeds.Formats;

namespace Serverless.Functions.Http;

/// <summary>
/// A 200 feed page in every format of <see cref="FeedFormats.All"/>, by media type: the JSON ones with the schema of
/// what they serialize (<see cref="FeedFormatter.JsonBody"/>; <c>json</c> is the subject's own <see cref="Body"/>),
/// the XML ones as <c>type: string</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class OpenApiFeedResponseAttribute : OpenApiResponseAttribute
{
    public OpenApiFeedResponseAttribute(Type jsonPage, string description)
        : base(200, jsonPage, description)
    {
    }

    /// <summary>Whether the page is also served as HTML (<c>text/html</c>, a string).</summary>
    public bool Html { get; init; }

    protected override IDictionary<string, OpenApiMediaType> Content(OpenApiSchemaGenerator schemas)
    {
        var content = FeedFormats.All.ToDictionary(
            f => f.MediaType,
            f => new OpenApiMediaType
            {
                Schema = f.JsonBody(Body!) is { } json ? schemas.For(json.Type, json.Options) : new OpenApiSchema { Type = "string" },
            });
        if (Html)
        {
            content["text/html"] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = "string" } };
        }

        return content;
    }
}
