using Azure;
using Serverless.Domain.Storage;

namespace Serverless.UnitTests.Storage;

public sealed class StorageFaultsTests
{
    [Theory]
    [InlineData(0, true)]
    [InlineData(408, true)]
    [InlineData(429, true)]
    [InlineData(500, true)]
    [InlineData(503, true)]
    [InlineData(400, false)]
    [InlineData(404, false)]
    [InlineData(409, false)]
    [InlineData(412, false)]
    public void StorageStatusIsAnOutageOnlyWhenStorageDidNotAnswerOrIsOverloaded(int status, bool unavailable) =>
        Assert.Equal(unavailable, StorageFaults.IsUnavailable(new RequestFailedException(status, "x")));

    [Fact]
    public void RetriesUsedUpOnRefusedConnectionsAreAnOutage() =>
        Assert.True(StorageFaults.IsUnavailable(new AggregateException(
            new RequestFailedException(0, "refused", new HttpRequestException("Connection refused")),
            new HttpRequestException("Connection refused"))));

    [Fact]
    public void AnAggregateWithARefusalInsideIsNotAnOutage() =>
        Assert.False(StorageFaults.IsUnavailable(new AggregateException(new RequestFailedException(503, "busy"), new RequestFailedException(403, "forbidden"))));

    [Fact]
    public void ABugIsNotAnOutage() =>
        Assert.False(StorageFaults.IsUnavailable(new InvalidOperationException()));
}
