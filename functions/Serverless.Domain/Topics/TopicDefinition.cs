namespace Serverless.Domain.Topics;

/// <summary>One topic of the taxonomy (the shape of the taxonomy YAML files: _id, name, parent, keywords).</summary>
public sealed record TopicDefinition(string Id, string Name, string? ParentId, IReadOnlyList<string> Keywords);
