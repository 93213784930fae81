using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Azure.Functions.Worker;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Extensions;
using Microsoft.OpenApi.Models;

namespace Serverless.Functions.Http;

/// <summary>
/// Builds the OpenAPI 3 description from the HTTP functions' own trigger attributes (route, methods, auth level),
/// so no route can be served without being described; summaries and parameters are added per function.
/// </summary>
public static partial class OpenApiDocumentFactory
{
    private static readonly Dictionary<string, (string Summary, OpenApiParameter[] Query)> Operations = new()
    {
        ["ListTopics"] = ("Every topic with its article count and the heat of its hottest article.", []),
        ["GetTopicFeed"] = ("A topic's published articles, hottest first, as JSON, JSON Feed 1.1, RSS 2.0 or Atom (Accept header or format).",
        [
            Query("limit", "Items per page, 1 to 100 (default 20).", "integer"),
            Query("cursor", "Opaque cursor from the previous page's next link.", "string"),
            Query("minHeat", "Only articles with at least this heat now.", "number"),
            Query("format", "json, jsonfeed, rss or atom; overrides the Accept header.", "string"),
        ]),
        ["GetArticle"] = ("One article with all its fields, related list included, and its current heat and story.", []),
        ["FrontPage"] = ("An HTML page of every topic's top stories.", []),
        ["GetIngestStatus"] = ("What became of an uploaded file: ingested, rejected (with the reason) or pending.", [Query("blob", "The blob's name in the articles container.", "string", required: true)]),
        ["RescoreNow"] = ("Runs a rescoring now and reports what it did (function key required).", []),
        ["GetOpenApi"] = ("This description.", []),
    };

    public static string BuildJson() => Build().SerializeAsJson(OpenApiSpecVersion.OpenApi3_0);

    public static OpenApiDocument Build()
    {
        var document = new OpenApiDocument
        {
            Info = new OpenApiInfo
            {
                Title = "Serverless news pipeline",
                Version = "1.0",
                Description = "Topic feeds of news articles, hottest first. Errors are RFC 9457 problem+json.",
            },
            Servers = [new OpenApiServer { Url = "/api" }],
            Paths = [],
            Components = new OpenApiComponents
            {
                SecuritySchemes = new Dictionary<string, OpenApiSecurityScheme>
                {
                    ["functionKey"] = new() { Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = "x-functions-key" },
                },
            },
        };

        foreach (var (name, trigger) in HttpFunctions())
        {
            var path = "/" + RouteConstraint().Replace(trigger.Route ?? name, "{$1}");
            if (!document.Paths.TryGetValue(path, out var item))
            {
                document.Paths[path] = item = new OpenApiPathItem();
            }

            var (summary, query) = Operations.GetValueOrDefault(name, (name, []));
            var operation = new OpenApiOperation
            {
                OperationId = name,
                Summary = summary,
                Parameters = RouteParameter().Matches(path).Select(m => new OpenApiParameter
                {
                    Name = m.Groups[1].Value,
                    In = ParameterLocation.Path,
                    Required = true,
                    Schema = new OpenApiSchema { Type = "string" },
                }).Concat(query).ToList(),
                Responses = new OpenApiResponses
                {
                    ["200"] = new OpenApiResponse { Description = "Success. Carries an ETag; send it back in If-None-Match for a 304." },
                    ["304"] = new OpenApiResponse { Description = "Not modified." },
                    ["400"] = new OpenApiResponse { Description = "Invalid input (application/problem+json)." },
                    ["404"] = new OpenApiResponse { Description = "Not found (application/problem+json)." },
                },
            };
            if (trigger.AuthLevel is AuthorizationLevel.Function or AuthorizationLevel.Admin)
            {
                operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecurityScheme { Reference = new OpenApiReference { Type = ReferenceType.SecurityScheme, Id = "functionKey" } }] = [] }];
                operation.Responses["401"] = new OpenApiResponse { Description = "Missing or wrong function key." };
            }

            foreach (var method in trigger.Methods ?? ["get"])
            {
                item.Operations[Enum.Parse<OperationType>(method, ignoreCase: true)] = operation;
            }
        }

        return document;
    }

    private static IEnumerable<(string Name, HttpTriggerAttribute Trigger)> HttpFunctions() =>
        typeof(OpenApiDocumentFactory).Assembly.GetExportedTypes()
            .SelectMany(t => t.GetMethods())
            .Select(m => (Function: m.GetCustomAttribute<FunctionAttribute>(), Trigger: m.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).FirstOrDefault(a => a is not null)))
            .Where(x => x.Function is not null && x.Trigger is not null)
            .Select(x => (x.Function!.Name, x.Trigger!))
            .OrderBy(x => x.Item1, StringComparer.Ordinal);

    private static OpenApiParameter Query(string name, string description, string type, bool required = false) => new()
    {
        Name = name,
        In = ParameterLocation.Query,
        Description = description,
        Required = required,
        Schema = new OpenApiSchema { Type = type },
    };

    [GeneratedRegex(@"\{(\w+)(?::[^}]*)?\??\}")]
    private static partial Regex RouteConstraint();

    [GeneratedRegex(@"\{(\w+)\}")]
    private static partial Regex RouteParameter();
}
