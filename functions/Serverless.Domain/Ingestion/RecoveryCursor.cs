namespace Serverless.Domain.Ingestion;

/// <summary>
/// Where the recovery walk over the articles container stands: the listing position the next page starts from
/// (null: the first name, a new pass), the last blob name reached, when the current pass started, how many blobs it has
/// listed and how many passes have completed. Stored by <see cref="IngestStatusStore"/>, so a restart resumes;
/// <see cref="Version"/> is the stored row's ETag, so that of two overlapping runs only one moves it.
/// </summary>
public sealed record RecoveryCursor(string? Marker, string? LastBlob, DateTimeOffset PassStartedAt, long PassBlobs, long PassesCompleted, string? Version = null)
{
    /// <summary>A new walk: the first pass starts at the first name.</summary>
    public static RecoveryCursor Start(DateTimeOffset now) => new(null, null, now, 0, 0);

    /// <summary>Whether the next page is the container's first, that is, a pass starts with it.</summary>
    public bool AtPassStart => Marker is null;

    /// <summary>
    /// The cursor after <paramref name="page"/> has been handled: just past its last name, or, when it was the
    /// container's last page, wrapped around to the first name with a new pass starting <paramref name="now"/>.
    /// </summary>
    public RecoveryCursor Advance(UploadPage page, DateTimeOffset now) =>
        page.ContinuationToken is null
            ? this with { Marker = null, LastBlob = null, PassStartedAt = now, PassBlobs = 0, PassesCompleted = PassesCompleted + 1 }
            : this with { Marker = page.ContinuationToken, LastBlob = page.Blobs.Count > 0 ? page.Blobs[^1].Name : LastBlob, PassBlobs = PassBlobs + page.Blobs.Count };

    /// <summary>The same walk started over at the first name (the stored position was refused by the service).</summary>
    public RecoveryCursor Restart(DateTimeOffset now) => this with { Marker = null, LastBlob = null, PassStartedAt = now, PassBlobs = 0 };
}
