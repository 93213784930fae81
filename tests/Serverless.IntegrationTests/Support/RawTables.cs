using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Serverless.Domain.Storage;

namespace Serverless.IntegrationTests.Support;

/// <summary>The pipeline's tables read raw, as a test oracle must: stores expose no table clients.</summary>
public static class RawTables
{
    public static TableClient RawTable(this IServiceProvider pipeline, Func<StorageOptions, string> name) =>
        pipeline.GetRequiredService<TableServiceClient>().GetTableClient(name(pipeline.GetRequiredService<IOptions<StorageOptions>>().Value));

    public static TableClient RawIndexTable(this IServiceProvider pipeline) => pipeline.RawTable(o => o.TopicIndexTable);

    public static TableClient RawArticlesTable(this IServiceProvider pipeline) => pipeline.RawTable(o => o.ArticlesTable);
}
