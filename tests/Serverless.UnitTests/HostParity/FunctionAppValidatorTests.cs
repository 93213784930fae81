using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Serverless.LocalHost.Catalog;

namespace Serverless.UnitTests.HostParity;

/// <summary>
/// The Functions host's indexing rules, which the local host applies before it starts (Program.cs stops on any error):
/// each case here is one the real host puts a function in error for, so the local host refuses to start on it.
/// </summary>
public sealed class FunctionAppValidatorTests
{
    [Theory]
    [InlineData("admin/rescore")]
    [InlineData("Admin/Rescore")]
    [InlineData("/admin")]
    [InlineData("administration/users")]
    [InlineData("adminpanel")]
    [InlineData("runtime/webhooks/blobs")]
    [InlineData("RUNTIME/status")]
    [InlineData("runtimes/x")]
    public void ARouteInTheHostsReservedSpaceIsInError(string route)
    {
        var errors = FunctionAppValidator.Validate([Http("RescoreNow", route, "post")]);

        var error = Assert.Single(errors);
        Assert.Equal("RescoreNow", error.FunctionName);
        Assert.Equal("The specified route conflicts with one or more built in routes.", error.Message);
        Assert.Equal("The 'RescoreNow' function is in error: The specified route conflicts with one or more built in routes.", error.ToString());
    }

    [Theory]
    [InlineData("manage/rescore")]
    [InlineData("topics/admin")]
    [InlineData("api/runtime")]
    [InlineData("adm/in")]
    public void ARouteOutsideTheReservedSpaceIsAccepted(string route)
    {
        Assert.Empty(FunctionAppValidator.Validate([Http("RescoreNow", route, "post")]));
    }

    [Fact]
    public void AnHttpFunctionWithoutARouteIsServedAtItsNameSoThatNameIsChecked()
    {
        var errors = FunctionAppValidator.Validate([Http("AdminTools", route: null, "get"), Http("Reports", route: null, "get")]);

        Assert.Equal("AdminTools", Assert.Single(errors).FunctionName);
    }

    [Fact]
    public void OnlyHttpRoutesAreReserved()
    {
        Assert.Empty(FunctionAppValidator.Validate([new FunctionDeclaration("RuntimeCleanup", IsHttp: false)]));
    }

    [Theory]
    [InlineData("topics", "get", "topics", "get")]
    [InlineData("topics", "get", "/Topics/", "GET")]
    [InlineData("topics", "get,post", "topics", "post")]
    [InlineData("topics", null, "topics", "delete")]
    [InlineData("topics/{id}", "get", "topics/{id}", null)]
    public void TwoFunctionsWithTheSameRouteAndAMethodInCommonConflict(string route, string? methods, string otherRoute, string? otherMethods)
    {
        var errors = FunctionAppValidator.Validate([Http("ListTopics", route, methods), Http("ListTopicsAgain", otherRoute, otherMethods)]);

        var error = Assert.Single(errors);
        Assert.Equal("ListTopicsAgain", error.FunctionName);
        Assert.Equal("The route specified conflicts with the route defined by function 'ListTopics'.", error.Message);
    }

    [Theory]
    [InlineData("topics", "get", "topics", "post")]
    [InlineData("topics", "get", "topics/{id}", "get")]
    public void SameRouteWithOtherMethodsOrAnotherRouteIsAccepted(string route, string methods, string otherRoute, string otherMethods)
    {
        Assert.Empty(FunctionAppValidator.Validate([Http("ListTopics", route, methods), Http("CreateTopic", otherRoute, otherMethods)]));
    }

    [Theory]
    [InlineData("1stFunction")]
    [InlineData("_private")]
    [InlineData("has space")]
    [InlineData("with.dot")]
    [InlineData("ümlaut")]
    [InlineData("host")]
    [InlineData("HOST")]
    [InlineData("")]
    public void ANameTheHostRejectsIsInError(string name)
    {
        var error = Assert.Single(FunctionAppValidator.Validate([new FunctionDeclaration(name, IsHttp: false)]));

        Assert.Equal($"'{name}' is not a valid function name.", error.Message);
    }

    [Fact]
    public void ANameIsAtMost128Characters()
    {
        var longest = "F" + new string('x', 127);

        Assert.Empty(FunctionAppValidator.Validate([new FunctionDeclaration(longest, IsHttp: false)]));
        Assert.Single(FunctionAppValidator.Validate([new FunctionDeclaration(longest + "x", IsHttp: false)]));
    }

    [Theory]
    [InlineData("IngestArticle")]
    [InlineData("a-b_c")]
    [InlineData("hostname")]
    [InlineData("Z9")]
    public void ANameTheHostAcceptsIsValid(string name)
    {
        Assert.True(FunctionAppValidator.IsValidName(name));
    }

    [Fact]
    public void TwoFunctionsWithOneNameAreInError()
    {
        var errors = FunctionAppValidator.Validate([new FunctionDeclaration("Ingest", false), new FunctionDeclaration("INGEST", false)]);

        Assert.Equal("The function or proxy name 'INGEST' must be unique within the function app.", Assert.Single(errors).Message);
    }

    [Fact]
    public void TheCatalogIsCheckedFromTheFunctionsOwnAttributes()
    {
        var catalog = new FunctionCatalog([typeof(MisdeclaredFunctions)]);

        var errors = FunctionAppValidator.Validate(catalog).Select(e => e.ToString()).ToList();

        Assert.Equal(
            [
                "The 'Admin' function is in error: The specified route conflicts with one or more built in routes.",
                "The 'ListAgain' function is in error: The route specified conflicts with the route defined by function 'List'.",
                "The 'host' function is in error: 'host' is not a valid function name.",
            ],
            errors.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TheFunctionAppPassesEveryCheck()
    {
        Assert.Empty(FunctionAppValidator.Validate(FunctionCatalog.ForFunctionApp()));
    }

    private static FunctionDeclaration Http(string name, string? route, string? methods) =>
        new(name, IsHttp: true, route, methods?.Split(','));

    /// <summary>Functions declared the way the Functions host refuses, read by the same reflection as the app's.</summary>
    public sealed class MisdeclaredFunctions
    {
        [Function("Admin")]
        public static void Admin([HttpTrigger(AuthorizationLevel.Function, "post", Route = "administration/reset")] HttpRequest request) => _ = request;

        [Function("host")]
        public static void Host([TimerTrigger("0 * * * * *")] TimerInfo timer) => _ = timer;

        [Function("List")]
        public static void List([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "items")] HttpRequest request) => _ = request;

        [Function("ListAgain")]
        public static void ListAgain([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "items/")] HttpRequest request) => _ = request;
    }
}
