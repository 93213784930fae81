using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Serverless.Domain.Withdrawals;
using Serverless.Functions.Http;

namespace Serverless.Functions.Withdrawals;

/// <summary>DELETE /api/articles/{id} (function key): an editor takes an article down, with a reason for the record.</summary>
public sealed class TakeDownArticle
{
    private readonly EditorWithdrawals _withdrawals;

    public TakeDownArticle(EditorWithdrawals withdrawals)
    {
        _withdrawals = withdrawals;
    }

    [OpenApiOperation("Takes an article down (function key required): it leaves every feed, story and count at once, its id answers 410, and uploads of it stay out until it is restored. The stored article is kept.")]
    [OpenApiRequestBody(typeof(TakedownRequest), "Why the article comes down.")]
    [OpenApiResponse(200, typeof(WithdrawalResponse), "The article is down (changed is false when it was down already).")]
    [OpenApiProblem(400, "The body is not JSON or has no reason.")]
    [OpenApiProblem(404, "No article has this id.")]
    [OpenApiStorageProblem]
    [Function(nameof(TakeDownArticle))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "articles/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var (parsed, problem) = await TakedownRequest.ReadAsync(request, cancellationToken);
        if (parsed is null)
        {
            return problem!;
        }

        var (outcome, article) = ArticleIdFormat.IsValid(id)
            ? await _withdrawals.TakeDownAsync(id, parsed.Reason, cancellationToken)
            : (EditorActionOutcome.NotFound, null);
        return outcome == EditorActionOutcome.NotFound
            ? ArticleIdFormat.NotFound()
            : ApiResults.Json(request, WithdrawalResponse.From(article!, outcome == EditorActionOutcome.Done), maxAgeSeconds: 0);
    }
}
