using Microsoft.OpenApi.Models;

namespace Serverless.Functions.Http;

/// <summary>A response whose body is not JSON (an HTML page, for one): openapi.json gives its media type and <c>type: string</c>.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class OpenApiTextResponseAttribute : OpenApiResponseAttribute
{
    public OpenApiTextResponseAttribute(int status, string mediaType, string description)
        : base(status, typeof(string), description)
    {
        MediaType = mediaType;
    }

    public string MediaType { get; }

    protected override IDictionary<string, OpenApiMediaType> Content(OpenApiSchemaGenerator schemas) => new Dictionary<string, OpenApiMediaType>
    {
        [MediaType] = new() { Schema = new OpenApiSchema { Type = "string" } },
    };
}
