namespace Serverless.Domain.Scoring;

// Plain-text articles, and the order dated ones are taken in.
public sealed partial class StoryClusterer
{
    /// <summary>
    /// Articles with nothing but text join the single story they resemble most. They have no date to narrow the
    /// search, so candidates come from their rarest indexed words, and only the latest postings of each are looked at.
    /// </summary>
    private void JoinTextOnly(WordWeights weights, SketchSimilarity similarity, CandidateSearch search)
    {
        var index = new PostingLists<uint>(weights);
        for (var i = 0; i < _members.Count; i++)
        {
            if (IsDated(_members[i]))
            {
                index.Add(i, _members[i], static word => word);
            }
        }

        for (var i = 0; i < _members.Count; i++)
        {
            var member = _members[i];
            if (IsDated(member) || !(_fresh[i] || _rejoinable[i]) || _articles.GetValueOrDefault(_sets.Find(_memberNodes[i])) > 1)
            {
                // Dated, decided by an earlier run, or placed in a story by its links: it joins nothing more.
                continue;
            }

            var best = -1;
            var bestScore = _options.SimilarityThreshold;
            foreach (var candidate in search.Text(i, member, index))
            {
                if (!_fresh[i] && !_fresh[candidate])
                {
                    // Decided when either was fresh.
                    continue;
                }

                var score = similarity.Between(i, candidate);
                if (score >= bestScore)
                {
                    (best, bestScore) = (candidate, score);
                }
            }

            if (best >= 0)
            {
                Union(_memberNodes[i], _memberNodes[best]);
                _textJoins.Add(new StoryTextJoin(i, best, bestScore));
            }

            index.Add(i, member, static word => word);
        }
    }

    /// <summary>Dated articles with URLs, oldest first (ties by id), so the grouping of earlier articles does not depend on later ones.</summary>
    private int[] DatedInPublicationOrder()
    {
        var order = Enumerable.Range(0, _members.Count).Where(i => IsDated(_members[i])).ToArray();
        Array.Sort(order, (a, b) => _members[a].PublishedTicks!.Value != _members[b].PublishedTicks!.Value
            ? _members[a].PublishedTicks!.Value.CompareTo(_members[b].PublishedTicks!.Value)
            : _members[a].Id.CompareTo(_members[b].Id));
        return order;
    }
}
