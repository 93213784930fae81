namespace Serverless.Functions.Http;

/// <summary>
/// A query parameter as openapi.json describes it; <see cref="Type"/> is its JSON Schema type, <see cref="Allowed"/> the
/// only values it takes, when it has such a list.
/// </summary>
public sealed record QueryParameterDescription(string Name, string Type, string Description, bool Required = false, IReadOnlyList<string>? Allowed = null);
