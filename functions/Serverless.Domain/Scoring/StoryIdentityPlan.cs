namespace Serverless.Domain.Scoring;

/// <summary>
/// What becomes of story ids when stories join or one splits: the id each resulting story carries, and the ids that
/// now resolve elsewhere (absorbed → survivor), so an old id never dangles.
/// </summary>
/// <param name="Id">The id the resulting story carries.</param>
/// <param name="Absorbed">Stories merged into it: each id now resolves to <paramref name="Id"/>, for good.</param>
/// <param name="IsNew">Whether <paramref name="Id"/> was not a story before (a story of new articles, or a part split off).</param>
public sealed record StoryIdentityPlan(string Id, IReadOnlyList<string> Absorbed, bool IsNew);
