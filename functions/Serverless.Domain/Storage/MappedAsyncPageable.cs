using Azure;

namespace Serverless.Domain.Storage;

/// <summary>Projects each item of a service pageable while keeping its pages and continuation tokens.</summary>
internal sealed class MappedAsyncPageable<TSource, TResult> : AsyncPageable<TResult>
    where TSource : notnull
    where TResult : notnull
{
    private readonly AsyncPageable<TSource> _source;
    private readonly Func<TSource, TResult> _map;

    public MappedAsyncPageable(AsyncPageable<TSource> source, Func<TSource, TResult> map)
    {
        _source = source;
        _map = map;
    }

    public override async IAsyncEnumerable<Page<TResult>> AsPages(string? continuationToken = null, int? pageSizeHint = null)
    {
        await foreach (var page in _source.AsPages(continuationToken, pageSizeHint))
        {
            yield return Page<TResult>.FromValues(page.Values.Select(_map).ToList(), page.ContinuationToken, page.GetRawResponse());
        }
    }
}
