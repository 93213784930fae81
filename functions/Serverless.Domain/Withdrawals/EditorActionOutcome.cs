namespace Serverless.Domain.Withdrawals;

/// <summary>What an editor's takedown or restore did.</summary>
public enum EditorActionOutcome
{
    /// <summary>Done now.</summary>
    Done,

    /// <summary>The article was taken down already: nothing changed (a takedown is idempotent).</summary>
    AlreadyDone,

    /// <summary>No article has this id.</summary>
    NotFound,

    /// <summary>A restore of an article that is not taken down.</summary>
    NotDown,
}
