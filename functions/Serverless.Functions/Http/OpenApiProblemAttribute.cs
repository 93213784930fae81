using Microsoft.OpenApi.Models;

namespace Serverless.Functions.Http;

/// <summary>An RFC 9457 problem the operation can answer (<see cref="ApiResults.Problem"/>): <c>application/problem+json</c>, a <see cref="ProblemDetailsResponse"/>.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public class OpenApiProblemAttribute : OpenApiResponseAttribute
{
    public const string MediaType = "application/problem+json";

    public OpenApiProblemAttribute(int status, string description)
        : base(status, typeof(ProblemDetailsResponse), description)
    {
    }

    protected override IDictionary<string, OpenApiMediaType> Content(OpenApiSchemaGenerator schemas) => new Dictionary<string, OpenApiMediaType>
    {
        [MediaType] = new() { Schema = schemas.For(typeof(ProblemDetailsResponse), ApiResults.SerializerOptions) },
    };
}
