namespace Serverless.Functions.Http;

/// <summary>A query parameter as openapi.json describes it; <see cref="Type"/> is its JSON Schema type.</summary>
public sealed record QueryParameterDescription(string Name, string Type, string Description, bool Required = false);
