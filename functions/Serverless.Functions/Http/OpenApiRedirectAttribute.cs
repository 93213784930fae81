using Microsoft.OpenApi.Models;

namespace Serverless.Functions.Http;

/// <summary>A redirect without a body: openapi.json gives its status and the <c>Location</c> header it carries.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class OpenApiRedirectAttribute : OpenApiResponseAttribute
{
    public OpenApiRedirectAttribute(int status, string description)
        : base(status, typeof(string), description)
    {
    }

    protected override IDictionary<string, OpenApiMediaType> Content(OpenApiSchemaGenerator schemas) => new Dictionary<string, OpenApiMediaType>();

    protected override IEnumerable<(string Name, OpenApiHeader Header)> Headers() =>
    [
        ("Location", new OpenApiHeader { Description = "Where the resource is now.", Schema = new OpenApiSchema { Type = "string", Format = "uri" } }),
    ];
}
