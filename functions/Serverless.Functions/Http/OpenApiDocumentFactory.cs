using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Azure.Functions.Worker;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Extensions;
using Microsoft.OpenApi.Models;

namespace Serverless.Functions.Http;

/// <summary>
/// Builds the OpenAPI 3 description from the HTTP functions' own trigger attributes (route, methods, auth level),
/// so no route can be served without being described; summaries and query parameters come from each function's
/// <see cref="OpenApiOperationAttribute"/>.
/// </summary>
public static partial class OpenApiDocumentFactory
{
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

        foreach (var (name, trigger, described) in HttpFunctions())
        {
            var path = "/" + RouteConstraint().Replace(trigger.Route ?? name, "{$1}");
            if (!document.Paths.TryGetValue(path, out var item))
            {
                document.Paths[path] = item = new OpenApiPathItem();
            }

            var operation = new OpenApiOperation
            {
                OperationId = name,
                Summary = described.Summary,
                Parameters = RouteParameter().Matches(path).Select(m => new OpenApiParameter
                {
                    Name = m.Groups[1].Value,
                    In = ParameterLocation.Path,
                    Required = true,
                    Schema = new OpenApiSchema { Type = "string" },
                }).Concat(described.QueryParameters.Select(Query)).ToList(),
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

    private static IEnumerable<(string Name, HttpTriggerAttribute Trigger, OpenApiOperationAttribute Described)> HttpFunctions() =>
        typeof(OpenApiDocumentFactory).Assembly.GetExportedTypes()
            .SelectMany(t => t.GetMethods())
            .Select(m => (Method: m, Function: m.GetCustomAttribute<FunctionAttribute>(), Trigger: m.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).FirstOrDefault(a => a is not null)))
            .Where(x => x.Function is not null && x.Trigger is not null)
            .Select(x => (x.Function!.Name, x.Trigger!, x.Method.GetCustomAttribute<OpenApiOperationAttribute>()
                ?? throw new InvalidOperationException($"HTTP function {x.Function.Name} ({x.Method.DeclaringType!.Name}.{x.Method.Name}) has no [OpenApiOperation]: give it a summary.")))
            .OrderBy(x => x.Item1, StringComparer.Ordinal);

    private static OpenApiParameter Query(QueryParameterDescription parameter) => new()
    {
        Name = parameter.Name,
        In = ParameterLocation.Query,
        Description = parameter.Description,
        Required = parameter.Required,
        Schema = new OpenApiSchema
        {
            Type = parameter.Type,
            Enum = parameter.Allowed?.Select(value => (Microsoft.OpenApi.Any.IOpenApiAny)new Microsoft.OpenApi.Any.OpenApiString(value)).ToList() ?? [],
        },
    };

    [GeneratedRegex(@"\{(\w+)(?::[^}]*)?\??\}")]
    private static partial Regex RouteConstraint();

    [GeneratedRegex(@"\{(\w+)\}")]
    private static partial Regex RouteParameter();
}
