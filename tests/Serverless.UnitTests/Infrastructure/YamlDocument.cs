using YamlDotNet.RepresentationModel;

namespace Serverless.UnitTests.Infrastructure;

/// <summary>A YAML file of the repository (azure.yaml, a workflow) read as nodes, with failing look-ups that say what is missing.</summary>
public static class YamlDocument
{
    public static YamlMappingNode Load(string relativePath)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(RepositoryPaths.Root, relativePath)))
        {
            stream.Load(reader);
        }

        var document = Assert.Single(stream.Documents);
        return Assert.IsType<YamlMappingNode>(document.RootNode);
    }

    public static YamlNode? Find(this YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

    public static YamlMappingNode Mapping(this YamlMappingNode node, string key) =>
        Assert.IsType<YamlMappingNode>(node.Find(key) ?? throw new Xunit.Sdk.XunitException($"no '{key}' in the YAML mapping"));

    public static string Scalar(this YamlMappingNode node, string key) =>
        Assert.IsType<YamlScalarNode>(node.Find(key) ?? throw new Xunit.Sdk.XunitException($"no '{key}' in the YAML mapping")).Value ?? string.Empty;

    public static string? ScalarOrNull(this YamlMappingNode node, string key) => (node.Find(key) as YamlScalarNode)?.Value;

    public static IEnumerable<string> Keys(this YamlMappingNode node) =>
        node.Children.Keys.Select(key => ((YamlScalarNode)key).Value ?? string.Empty);
}
