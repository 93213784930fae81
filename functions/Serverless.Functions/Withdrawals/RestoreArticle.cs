using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Serverless.Domain.Withdrawals;
using Serverless.Functions.Http;

namespace Serverless.Functions.Withdrawals;

/// <summary>POST /api/articles/{id}/restore (function key): brings a taken-down article back.</summary>
public sealed class RestoreArticle
{
    private readonly EditorWithdrawals _withdrawals;

    public RestoreArticle(EditorWithdrawals withdrawals)
    {
        _withdrawals = withdrawals;
    }

    [OpenApiOperation("Restores a taken-down article (function key required): scored and indexed as if just ingested, in its feeds at once and in its story after the next rescoring run.")]
    [OpenApiResponse(200, typeof(WithdrawalResponse), "The article is back (or retracted, when its files were deleted while it was down).")]
    [OpenApiProblem(404, "No article has this id.")]
    [OpenApiProblem(409, "The article is not taken down.")]
    [OpenApiStorageProblem]
    [Function(nameof(RestoreArticle))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "articles/{id}/restore")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var (outcome, article) = ArticleIdFormat.IsValid(id)
            ? await _withdrawals.RestoreAsync(id, cancellationToken)
            : (EditorActionOutcome.NotFound, null);
        return outcome switch
        {
            EditorActionOutcome.NotFound => ArticleIdFormat.NotFound(),
            EditorActionOutcome.NotDown => ApiResults.Problem(
                StatusCodes.Status409Conflict,
                "The article is not taken down",
                article!.Withdrawal is null
                    ? "Only a taken-down article can be restored; this one is published."
                    : "Only a taken-down article can be restored; this one was retracted because its files were deleted. Upload the file again to bring it back."),
            _ => ApiResults.Json(request, WithdrawalResponse.From(article!, changed: true), maxAgeSeconds: 0),
        };
    }
}
