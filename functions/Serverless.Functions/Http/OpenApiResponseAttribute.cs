using Microsoft.OpenApi.Models;

namespace Serverless.Functions.Http;

/// <summary>
/// A response an HTTP function gives, as openapi.json declares it (see <see cref="OpenApiDocumentFactory"/>): this
/// one a JSON body of a typed response record, serialized by <see cref="ApiResults.Json"/>. Every HTTP function
/// declares its success response and the problems it can answer, next to its <see cref="OpenApiOperationAttribute"/>;
/// the description cannot be built without them, and the integration tests validate the bodies served against them.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public class OpenApiResponseAttribute : Attribute
{
    public OpenApiResponseAttribute(int status, Type body, string description)
    {
        Status = status;
        Body = body;
        Description = description;
    }

    /// <summary>The HTTP status code.</summary>
    public int Status { get; }

    /// <summary>The type the body serializes; null when the body is not JSON.</summary>
    public Type? Body { get; }

    /// <summary>When the operation answers this, in a sentence.</summary>
    public string Description { get; }

    /// <summary>The response as openapi.json gives it; schemas of records go to <paramref name="schemas"/>.</summary>
    public OpenApiResponse Describe(OpenApiSchemaGenerator schemas)
    {
        var response = new OpenApiResponse { Description = Description, Content = Content(schemas) };
        foreach (var (name, header) in Headers())
        {
            response.Headers[name] = header;
        }

        return response;
    }

    /// <summary>The body by media type.</summary>
    protected virtual IDictionary<string, OpenApiMediaType> Content(OpenApiSchemaGenerator schemas) => new Dictionary<string, OpenApiMediaType>
    {
        ["application/json"] = new() { Schema = schemas.For(Body!, ApiResults.SerializerOptions) },
    };

    /// <summary>The headers the response carries that a client acts on.</summary>
    protected virtual IEnumerable<(string Name, OpenApiHeader Header)> Headers() => [];
}
