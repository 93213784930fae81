using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;

namespace Serverless.Domain.Storage;

/// <summary>
/// Builds storage clients from the same connection setting the Functions host reads: a connection string
/// (<c>AzureWebJobsStorage</c>, Azurite locally) or an identity-based connection
/// (<c>AzureWebJobsStorage__accountName</c> or <c>__blobServiceUri</c>/<c>__tableServiceUri</c>, with
/// <c>__clientId</c> for a user-assigned identity) as deployed to Azure, where no key is ever stored.
/// </summary>
public sealed class StorageClientFactory
{
    private readonly IConfiguration _configuration;
    private readonly string _name;

    public StorageClientFactory(IConfiguration configuration, string name = StorageOptions.ConnectionName)
    {
        _configuration = configuration;
        _name = name;
    }

    public BlobServiceClient CreateBlobServiceClient()
    {
        var options = new BlobClientOptions();
        ConfigureRetries(options.Retry);
        if (ConnectionString is { } connectionString)
        {
            return new BlobServiceClient(connectionString, options);
        }

        return new BlobServiceClient(ServiceUri("blob"), Credential(), options);
    }

    public TableServiceClient CreateTableServiceClient()
    {
        var options = new TableClientOptions();
        ConfigureRetries(options.Retry);
        if (ConnectionString is { } connectionString)
        {
            var keyed = new TableServiceClient(connectionString, options);
            if (!HasAccountKey(connectionString))
            {
                return keyed;
            }

            // A key connection (Azurite locally) signs one account SAS a day instead of every request: the SDK's
            // per-request HMAC object is left to the finalizer thread, which took a third of the process's CPU under
            // ingest load on this 2-core machine, CPU the emulator then lacks.
            var renewal = new AccountSasRenewalPolicy(keyed);
            options.AddPolicy(renewal, HttpPipelinePosition.PerCall);
            return new TableServiceClient(keyed.Uri, renewal.Credential, options);
        }

        return new TableServiceClient(ServiceUri("table"), Credential(), options);
    }

    private static bool HasAccountKey(string connectionString) =>
        connectionString.Contains("AccountKey=", StringComparison.OrdinalIgnoreCase)
        || connectionString.Contains("UseDevelopmentStorage=true", StringComparison.OrdinalIgnoreCase);

    private string? ConnectionString
    {
        get
        {
            var value = _configuration[_name] ?? _configuration.GetConnectionString(_name);
            return string.IsNullOrWhiteSpace(value) ? null : value;
        }
    }

    private Uri ServiceUri(string service)
    {
        var section = _configuration.GetSection(_name);
        if (section[$"{service}ServiceUri"] is { Length: > 0 } explicitUri)
        {
            return new Uri(explicitUri);
        }

        if (section["accountName"] is { Length: > 0 } account)
        {
            return new Uri($"https://{account}.{service}.core.windows.net");
        }

        throw new InvalidOperationException(
            $"No storage connection is configured. Set '{_name}' to a connection string " +
            $"(UseDevelopmentStorage=true for Azurite) or '{_name}__accountName' for an identity-based connection.");
    }

    private TokenCredential Credential()
    {
        var clientId = _configuration.GetSection(_name)["clientId"];
        return string.IsNullOrEmpty(clientId)
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
    }

    private static void ConfigureRetries(RetryOptions retry)
    {
        // Fail fast enough that a storage outage surfaces to the trigger's own retry (which survives restarts).
        retry.MaxRetries = 3;
        retry.Delay = TimeSpan.FromMilliseconds(200);
        retry.MaxDelay = TimeSpan.FromSeconds(4);
        retry.NetworkTimeout = TimeSpan.FromSeconds(30);
    }
}
