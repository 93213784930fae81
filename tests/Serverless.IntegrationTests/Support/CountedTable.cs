using Azure.Core;
using Azure.Data.Tables;

namespace Serverless.IntegrationTests.Support;

/// <summary>A fresh table whose writes are counted, for tests that assert how writes reach the service.</summary>
public static class CountedTable
{
    public static async Task<(TableClient Table, WriteCountingPolicy Requests)> CreateAsync(string connectionString, string prefix)
    {
        var counter = new WriteCountingPolicy();
        var options = new TableClientOptions();
        options.AddPolicy(counter, HttpPipelinePosition.PerCall);
        var table = new TableServiceClient(connectionString, options).GetTableClient($"{prefix}{Guid.NewGuid():N}"[..20]);
        await table.CreateAsync();
        counter.Reset();
        return (table, counter);
    }
}
