using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Serverless.Domain.Feeds.Formats;
using Serverless.Functions.Http;

namespace Serverless.UnitTests.Functions;

/// <summary>Every HTTP function describes itself for openapi.json, and the description is built from what it says.</summary>
public sealed class OpenApiOperationTests
{
    public static TheoryData<string> HttpFunctionNames => [.. Functions().Where(f => f.Http).Select(f => f.Name)];

    [Theory]
    [MemberData(nameof(HttpFunctionNames))]
    public void EveryHttpFunctionHasASummary(string name)
    {
        var function = Functions().Single(f => f.Name == name);

        var operation = function.Method.GetCustomAttribute<OpenApiOperationAttribute>();

        Assert.True(operation is not null, $"{function.Method.DeclaringType!.Name}.{function.Method.Name} ([Function(\"{name}\")]) has no [OpenApiOperation(\"summary\")]");
        Assert.False(string.IsNullOrWhiteSpace(operation.Summary), $"{name} has an empty summary");
        Assert.NotEqual(name, operation.Summary);
    }

    [Fact]
    public void OnlyHttpFunctionsCarryAnOperation()
    {
        var misplaced = Functions().Where(f => !f.Http && f.Method.GetCustomAttribute<OpenApiOperationAttribute>() is not null).Select(f => f.Name);

        Assert.Empty(misplaced);
    }

    [Fact]
    public void TheDescriptionUsesEachFunctionsSummaryAndQueryParameters()
    {
        var document = OpenApiDocumentFactory.Build();
        var operations = document.Paths.Values.SelectMany(p => p.Operations.Values).ToDictionary(o => o.OperationId);

        Assert.Equal(HttpFunctionNames.Count, operations.Count);
        foreach (var function in Functions().Where(f => f.Http))
        {
            var described = function.Method.GetCustomAttribute<OpenApiOperationAttribute>()!;
            var operation = operations[function.Name];
            Assert.Equal(described.Summary, operation.Summary);
            Assert.Equal(
                described.QueryParameters.Select(p => (p.Name, p.Type, p.Description, p.Required)),
                operation.Parameters.Where(p => p.In == Microsoft.OpenApi.Models.ParameterLocation.Query).Select(p => (p.Name, p.Schema.Type, p.Description, p.Required)));
        }
    }

    [Fact]
    public void TheFormatParameterNamesEveryFeedFormat()
    {
        var format = OpenApiDocumentFactory.Build().Paths["/topics/{topicId}/feed"].Operations.Values.Single().Parameters.Single(p => p.Name == "format");

        Assert.All(FeedFormats.All, f => Assert.Contains(f.Name, format.Description, StringComparison.Ordinal));
    }

    private static IEnumerable<(string Name, MethodInfo Method, bool Http)> Functions() =>
        typeof(OpenApiDocumentFactory).Assembly.GetExportedTypes()
            .SelectMany(t => t.GetMethods())
            .Select(m => (Method: m, Function: m.GetCustomAttribute<FunctionAttribute>()))
            .Where(x => x.Function is not null)
            .Select(x => (x.Function!.Name, x.Method, x.Method.GetParameters().Any(p => p.GetCustomAttribute<HttpTriggerAttribute>() is not null)));
}
