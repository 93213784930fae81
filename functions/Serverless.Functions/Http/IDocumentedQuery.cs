namespace Serverless.Functions.Http;

/// <summary>A request parsed from the query string that describes its parameters for openapi.json.</summary>
public interface IDocumentedQuery
{
    /// <summary>The query parameters it reads, in the order openapi.json lists them.</summary>
    static abstract IReadOnlyList<QueryParameterDescription> QueryParameters { get; }
}
