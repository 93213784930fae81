using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Serverless.Domain.Scoring;
using Serverless.Domain.Stores;
using Serverless.Domain.Topics;

namespace Serverless.Domain.Maintenance;

/// <summary>
/// Puts every stored article in the change journal once, so rescoring runs take the archive up slice by slice:
/// an Articles table stored before the story lookups gets them, and a change of the taxonomy or the heat and story
/// settings re-scores every article under the new ones. The step's name carries a hash of those settings, so a
/// change starts a new pass. Articles ingested since the pass began were journaled by their ingest.
/// </summary>
public sealed class StoryRebuildStep : IArchiveStep
{
    private readonly ChangeJournalStore _journal;
    private readonly TopicIndexStore _index;

    public StoryRebuildStep(ChangeJournalStore journal, TopicIndexStore index, TopicTaxonomy taxonomy, IOptions<HeatOptions> heat, IOptions<StoryOptions> stories)
    {
        _journal = journal;
        _index = index;
        var settings = JsonSerializer.Serialize(new
        {
            Topics = taxonomy.Topics.Select(t => new { t.Id, t.Name, t.ParentId, t.Keywords }),
            Heat = heat.Value,
            Stories = stories.Value,
        });
        // Version 2: story pages (member order, newest-first rows, listings, richer heads) need every story rewritten once.
        Name = $"stories-2-{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(settings)))[..12]}";
    }

    public string Name { get; }

    public async Task<int> ApplyAsync(IReadOnlyList<StoredArticle> batch, DateTimeOffset passStartedAt, CancellationToken cancellationToken)
    {
        var older = batch.Select(a => a.Summary).Where(s => s.IngestedAt < passStartedAt).ToList();
        // As if each were re-ingested unchanged: the run deletes the rows of its stored score unless the new one keeps them.
        await _journal.RecordAllAsync(older.Select(s => (s.Id, s.EffectivePublished, s.Version, _index.RowsFor(s.Id, s.Score, s.EffectivePublished))), cancellationToken);
        return older.Count;
    }
}
