using Serverless.Domain.Articles;
using Serverless.Domain.Scoring;
using Serverless.Domain.Stores;

namespace Serverless.Domain.Rescoring;

/// <summary>What a run loaded for one slice of the journal, and the stories it plans from it.</summary>
public sealed record RescoreSlice
{
    /// <summary>The journal entries the slice deals with.</summary>
    public required IReadOnlyList<ArticleChange> Changes { get; init; }

    /// <summary>The changed articles as stored now (absent: removed).</summary>
    public required IReadOnlyDictionary<string, StoredArticle> Current { get; init; }

    /// <summary>The stored stories read, by id: head and members.</summary>
    public required IReadOnlyDictionary<string, (StoryHead? Head, List<StoryMemberEntry> Members)> Stories { get; init; }

    /// <summary>Entries of related lists of the changed articles, by URL id: what a story page shows of them.</summary>
    public required IReadOnlyDictionary<UInt128, RelatedArticle> RelatedEntries { get; init; }

    /// <summary>The story each id of the changed articles (their own and their related URLs') was in.</summary>
    public required IReadOnlyDictionary<UInt128, string> Nodes { get; init; }

    public required StoryWorkingSet Set { get; init; }

    public required StoryPlan Plan { get; init; }

    /// <summary>Articles read from the day lookup (the window of the changed articles' dates).</summary>
    public int ArticlesInWindow { get; init; }
}
