namespace Serverless.Domain.Scoring;

/// <summary>Why a member is in its story.</summary>
/// <param name="Kind">One of <see cref="First"/>, <see cref="CitedBy"/>, <see cref="Cites"/>, <see cref="SharesRelated"/>, <see cref="Text"/>.</param>
/// <param name="Via">The member (id) through which it joined; null for the first.</param>
/// <param name="Similarity">For text joins, how alike the two texts are.</param>
public sealed record StoryJoinReason(string Kind, string? Via, double? Similarity)
{
    /// <summary>The member the story started from.</summary>
    public const string First = "first";

    /// <summary>An article's related list names it.</summary>
    public const string CitedBy = "cited-by";

    /// <summary>Its related list names an article of the story.</summary>
    public const string Cites = "cites";

    /// <summary>Its related list names a URL that another member's also names.</summary>
    public const string SharesRelated = "shares-related";

    /// <summary>Its text resembles a member's.</summary>
    public const string Text = "text";
}
