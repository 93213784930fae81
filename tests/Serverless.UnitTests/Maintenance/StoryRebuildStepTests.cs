using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Serverless.Domain.Maintenance;
using Serverless.Domain.Scoring;
using Serverless.Domain.Storage;
using Serverless.Domain.Stores;
using Serverless.Domain.Topics;

namespace Serverless.UnitTests.Maintenance;

/// <summary>The rebuild pass is named by the settings scores depend on: changing one starts a new pass over the archive.</summary>
public sealed class StoryRebuildStepTests
{
    private static readonly TopicTaxonomy Taxonomy = new([new TopicDefinition("ai", "AI", null, ["ai"])]);

    [Fact]
    public void TheSameSettingsNameTheSamePass()
    {
        Assert.Equal(Name(new HeatOptions(), Taxonomy, new StoryOptions()), Name(new HeatOptions(), Taxonomy, new StoryOptions()));
        Assert.StartsWith("stories-2-", Name(new HeatOptions(), Taxonomy, new StoryOptions()), StringComparison.Ordinal);
    }

    [Fact]
    public void ANewHeatSettingTaxonomyOrStorySettingStartsANewPass()
    {
        var name = Name(new HeatOptions(), Taxonomy, new StoryOptions());

        Assert.NotEqual(name, Name(new HeatOptions { HalfLifeHours = 12 }, Taxonomy, new StoryOptions()));
        Assert.NotEqual(name, Name(new HeatOptions(), new TopicTaxonomy([new TopicDefinition("ai", "AI", null, ["ai", "llm"])]), new StoryOptions()));
        Assert.NotEqual(name, Name(new HeatOptions(), Taxonomy, new StoryOptions { WindowDays = 3 }));
    }

    private static string Name(HeatOptions heat, TopicTaxonomy taxonomy, StoryOptions stories)
    {
        // Clients that are never called: naming the pass touches no storage.
        var tables = new TableServiceClient("UseDevelopmentStorage=true");
        var storage = Options.Create(new StorageOptions());
        var index = new TopicIndexStore(tables, new HeatScorer(Options.Create(heat)), storage);
        return new StoryRebuildStep(new ChangeJournalStore(tables, storage), index, taxonomy, Options.Create(heat), Options.Create(stories)).Name;
    }
}
