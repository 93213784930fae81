using System.IO.Hashing;
using System.Text;

namespace Serverless.Domain.Scoring;

/// <summary>
/// The rules that keep story ids stable, as pure functions. A story's id never changes while the story exists. When
/// stories join, the one with the most ingested articles keeps its id (on equal size the older, then the ordinally smaller id) and the others
/// resolve to it for good: merges are never undone. Articles that form a story of their own give it the smallest of
/// their ids. When a removal splits a story, the largest part keeps the id (on equal size the one with the oldest
/// member, then the smallest member id) and every other part gets a new id derived from the story's and its smallest
/// member's, so it can never be an id that once existed and still resolves elsewhere.
/// </summary>
public static class StoryIdentityPlanner
{
    /// <summary>The identity of a story made of <paramref name="joined"/> stored stories and <paramref name="newMembers"/> articles in none.</summary>
    public static StoryIdentityPlan Merge(IReadOnlyCollection<StoryIdentity> joined, IReadOnlyCollection<string> newMembers)
    {
        if (joined.Count == 0)
        {
            if (newMembers.Count == 0)
            {
                throw new ArgumentException("A story needs a stored story or a new member.", nameof(newMembers));
            }

            return new StoryIdentityPlan(newMembers.Min(StringComparer.Ordinal)!, [], IsNew: true);
        }

        var survivor = joined
            .OrderByDescending(s => s.Members)
            .ThenBy(s => s.Began)
            .ThenBy(s => s.Id, StringComparer.Ordinal)
            .First();
        var absorbed = joined.Where(s => s.Id != survivor.Id).Select(s => s.Id).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return new StoryIdentityPlan(survivor.Id, absorbed, IsNew: false);
    }

    /// <summary>
    /// The ids of the parts a story falls into after a removal, in the order given. Each part is its members' ids and
    /// the earliest publication among them (ticks).
    /// </summary>
    public static IReadOnlyList<StoryIdentityPlan> Split(string storyId, IReadOnlyList<(IReadOnlyCollection<string> Members, long Began)> parts)
    {
        if (parts.Count == 0)
        {
            return [];
        }

        var smallest = parts.Select(p => p.Members.Min(StringComparer.Ordinal)!).ToList();
        var keeper = Enumerable.Range(0, parts.Count)
            .OrderByDescending(i => parts[i].Members.Count)
            .ThenBy(i => parts[i].Began)
            .ThenBy(i => smallest[i], StringComparer.Ordinal)
            .First();
        return [.. Enumerable.Range(0, parts.Count).Select(i => i == keeper
            ? new StoryIdentityPlan(storyId, [], IsNew: false)
            : new StoryIdentityPlan(SplitId(storyId, smallest[i]), [], IsNew: true))];
    }

    /// <summary>A new id for the part of <paramref name="storyId"/> whose smallest member is <paramref name="smallestMember"/>: the same for the same split, unlike any article's.</summary>
    public static string SplitId(string storyId, string smallestMember) =>
        StoryIds.Format(XxHash128.HashToUInt128(Encoding.UTF8.GetBytes($"split:{storyId}:{smallestMember}")));
}
