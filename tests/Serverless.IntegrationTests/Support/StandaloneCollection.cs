namespace Serverless.IntegrationTests.Support;

/// <summary>
/// Tests that start their own Azurite and local host and load them hard (fault injection, outages): run alone, after
/// the parallel collections, so their load does not starve the others' deadlines on a 2-core machine, nor theirs.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class StandaloneCollection
{
    public const string Name = "Standalone";
}
