using System.Web;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Microsoft.Extensions.Time.Testing;
using Serverless.Domain.Storage;

namespace Serverless.UnitTests.Storage;

public sealed class AccountSasRenewalPolicyTests
{
    private static readonly TableServiceClient Signer = new("UseDevelopmentStorage=true");

    [Fact]
    public void TheTokenLivesADayAndIsSignedAgainInItsLastHour()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));
        var policy = new AccountSasRenewalPolicy(Signer, clock);
        var first = policy.Credential.Signature;
        Assert.Equal("2026-11-26T08:00:00Z", HttpUtility.ParseQueryString(first)["se"]);

        clock.Advance(TimeSpan.FromHours(22.9));
        policy.OnSendingRequest(NewMessage());
        Assert.Equal(first, policy.Credential.Signature);

        clock.Advance(TimeSpan.FromHours(0.2));
        policy.OnSendingRequest(NewMessage());
        Assert.NotEqual(first, policy.Credential.Signature);
        Assert.Equal("2026-11-27T07:06:00Z", HttpUtility.ParseQueryString(policy.Credential.Signature)["se"]);
    }

    [Fact]
    public void ATokenGrantsEveryServiceOperationTheKeyDoes()
    {
        var query = HttpUtility.ParseQueryString(new AccountSasRenewalPolicy(Signer).Credential.Signature);

        Assert.Equal("rwdlau", query["sp"]);
        Assert.Equal("sco", query["srt"]);
        Assert.Equal("https,http", query["spr"]);
    }

    private static Azure.Core.HttpMessage NewMessage() => HttpPipelineBuilder.Build(new TableClientOptions()).CreateMessage();
}
