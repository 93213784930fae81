using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Data.Tables.Sas;

namespace Serverless.Domain.Storage;

/// <summary>
/// Keeps an account SAS, signed with the connection's key, fresh for a table client: the token lives a day and is
/// signed again, before a request, once less than an hour of it is left.
/// </summary>
public sealed class AccountSasRenewalPolicy : HttpPipelineSynchronousPolicy
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(1);
    private static readonly TimeSpan RenewBefore = TimeSpan.FromHours(1);
    private readonly TableServiceClient _signer;
    private readonly TimeProvider _clock;
    private readonly object _gate = new();
    private DateTimeOffset _expiresOn;

    public AccountSasRenewalPolicy(TableServiceClient signer, TimeProvider? clock = null)
    {
        _signer = signer;
        _clock = clock ?? TimeProvider.System;
        Credential = new AzureSasCredential(Sign(out _expiresOn));
    }

    public AzureSasCredential Credential { get; }

    public override void OnSendingRequest(HttpMessage message)
    {
        if (_clock.GetUtcNow() < _expiresOn - RenewBefore)
        {
            return;
        }

        lock (_gate)
        {
            if (_clock.GetUtcNow() >= _expiresOn - RenewBefore)
            {
                Credential.Update(Sign(out _expiresOn));
            }
        }
    }

    private string Sign(out DateTimeOffset expiresOn)
    {
        // Started a few minutes back so a clock a little behind the service's still accepts it.
        var now = _clock.GetUtcNow();
        expiresOn = now + Lifetime;
        var builder = new TableAccountSasBuilder(TableAccountSasPermissions.All, TableAccountSasResourceTypes.All, expiresOn)
        {
            StartsOn = now - TimeSpan.FromMinutes(5),
            Protocol = TableSasProtocol.HttpsAndHttp,
        };
        return _signer.GenerateSasUri(builder).Query;
    }
}
