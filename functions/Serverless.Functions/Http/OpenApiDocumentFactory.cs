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
    private const string FunctionKeyHeader = "functionKey";
    private const string FunctionKeyQuery = "functionKeyQuery";

    /// <summary>
    /// The document as served. Microsoft.OpenApi writes no empty list, so an anonymous operation's single empty
    /// requirement (<c>[{}]</c>) is written as the spec's empty requirement list, <c>security: []</c>: with no
    /// document-wide requirement both say "no key needed", and the empty list is the form readers look for.
    /// </summary>
    public static string BuildJson()
    {
        var document = System.Text.Json.Nodes.JsonNode.Parse(Build().SerializeAsJson(OpenApiSpecVersion.OpenApi3_0))!;
        foreach (var operation in document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject()).Select(op => op.Value!.AsObject()))
        {
            if (operation["security"] is System.Text.Json.Nodes.JsonArray { Count: 1 } security && security[0] is System.Text.Json.Nodes.JsonObject { Count: 0 })
            {
                operation["security"] = new System.Text.Json.Nodes.JsonArray();
            }
        }

        return document.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
    }

    public static OpenApiDocument Build()
    {
        var schemas = new OpenApiSchemaGenerator();
        var document = new OpenApiDocument
        {
            Info = new OpenApiInfo
            {
                Title = "Serverless news pipeline",
                Version = "1.0",
                Description = "Topic feeds of news articles, hottest first. Errors are RFC 9457 problem+json.",
                License = new OpenApiLicense { Name = "MIT", Url = new Uri("https://opensource.org/license/mit") },
            },
            Servers = [new OpenApiServer { Url = "/api" }],
            Paths = [],
            Components = new OpenApiComponents
            {
                // Azure Functions takes a function key in either place.
                SecuritySchemes = new Dictionary<string, OpenApiSecurityScheme>
                {
                    [FunctionKeyHeader] = new() { Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = "x-functions-key", Description = "A function key." },
                    [FunctionKeyQuery] = new() { Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Query, Name = "code", Description = "A function key." },
                },
            },
        };

        foreach (var (name, trigger, described, responses, body) in HttpFunctions())
        {
            var path = "/" + RouteConstraint().Replace(trigger.Route ?? name, "{$1}");
            if (!document.Paths.TryGetValue(path, out var item))
            {
                document.Paths[path] = item = new OpenApiPathItem();
            }

            var methods = trigger.Methods ?? ["get"];
            var keyed = trigger.AuthLevel is AuthorizationLevel.Function or AuthorizationLevel.Admin;
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
                Responses = Responses(name, responses, methods.All(m => m.Equals("get", StringComparison.OrdinalIgnoreCase)), keyed, schemas),
                // Either key location is enough; an anonymous operation says so with one empty requirement.
                Security = keyed ? [Requirement(FunctionKeyHeader), Requirement(FunctionKeyQuery)] : [new OpenApiSecurityRequirement()],
                RequestBody = body is null ? null : new OpenApiRequestBody
                {
                    Required = true,
                    Description = body.Description,
                    Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = schemas.For(body.Body, ApiResults.SerializerOptions) } },
                },
            };

            foreach (var method in methods)
            {
                item.Operations[Enum.Parse<OperationType>(method, ignoreCase: true)] = operation;
            }
        }

        document.Components.Schemas = schemas.Components.OrderBy(s => s.Key, StringComparer.Ordinal).ToDictionary();
        return document;
    }

    private static OpenApiSecurityRequirement Requirement(string scheme) =>
        new() { [new OpenApiSecurityScheme { Reference = new OpenApiReference { Type = ReferenceType.SecurityScheme, Id = scheme } }] = [] };

    /// <summary>
    /// The function's declared responses, plus what the host and <see cref="PayloadResult"/> add to every one: the
    /// ETag and its 304 for a GET, the 401 of a keyed function.
    /// </summary>
    private static OpenApiResponses Responses(string name, IReadOnlyList<OpenApiResponseAttribute> declared, bool get, bool keyed, OpenApiSchemaGenerator schemas)
    {
        if (!declared.Any(r => r.Status is >= 200 and < 300))
        {
            throw new InvalidOperationException($"HTTP function {name} declares no success response: add [OpenApiResponse(200, typeof(...), \"...\")] (or a text or feed response) and its [OpenApiProblem]s.");
        }

        var byStatus = new SortedDictionary<int, OpenApiResponse>();
        foreach (var response in declared)
        {
            if (!byStatus.TryAdd(response.Status, response.Describe(schemas)))
            {
                throw new InvalidOperationException($"HTTP function {name} declares status {response.Status} twice.");
            }
        }

        if (get && byStatus.TryGetValue(200, out var success))
        {
            success.Headers["ETag"] = new OpenApiHeader { Description = "Send it back in If-None-Match for a 304.", Schema = new OpenApiSchema { Type = "string" } };
            byStatus[304] = new OpenApiResponse { Description = "Not modified: the If-None-Match ETag is current." };
        }

        if (keyed)
        {
            byStatus.TryAdd(401, new OpenApiResponse { Description = "Missing or wrong function key." });
        }

        var responses = new OpenApiResponses();
        foreach (var (status, response) in byStatus)
        {
            responses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = response;
        }

        return responses;
    }

    private static IEnumerable<(string Name, HttpTriggerAttribute Trigger, OpenApiOperationAttribute Described, IReadOnlyList<OpenApiResponseAttribute> Responses, OpenApiRequestBodyAttribute? Body)> HttpFunctions() =>
        typeof(OpenApiDocumentFactory).Assembly.GetExportedTypes()
            .SelectMany(t => t.GetMethods())
            .Select(m => (Method: m, Function: m.GetCustomAttribute<FunctionAttribute>(), Trigger: m.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).FirstOrDefault(a => a is not null)))
            .Where(x => x.Function is not null && x.Trigger is not null)
            .Select(x => (x.Function!.Name, x.Trigger!, x.Method.GetCustomAttribute<OpenApiOperationAttribute>()
                ?? throw new InvalidOperationException($"HTTP function {x.Function.Name} ({x.Method.DeclaringType!.Name}.{x.Method.Name}) has no [OpenApiOperation]: give it a summary."),
                (IReadOnlyList<OpenApiResponseAttribute>)[.. x.Method.GetCustomAttributes<OpenApiResponseAttribute>()],
                x.Method.GetCustomAttribute<OpenApiRequestBodyAttribute>()))
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
