using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.OpenApi.Any;
using Microsoft.OpenApi.Models;

namespace Serverless.Functions.Http;

/// <summary>
/// OpenAPI 3.0 schemas of the typed response records, read from the contract System.Text.Json serializes them by
/// (<see cref="JsonSerializerOptions.GetTypeInfo"/>) with the options the response is written with: property names
/// (naming policy, <see cref="JsonPropertyNameAttribute"/>), which members are always written (ignore conditions)
/// and nullable annotations. Records become <c>components/schemas</c> entries referenced by <c>$ref</c>; a type it
/// cannot describe faithfully is refused rather than guessed.
/// </summary>
public sealed class OpenApiSchemaGenerator
{
    private readonly NullabilityInfoContext _nullability = new();
    private readonly Dictionary<Type, JsonSerializerOptions> _described = [];

    /// <summary>The record schemas generated so far, by name: the document's <c>components/schemas</c>.</summary>
    public Dictionary<string, OpenApiSchema> Components { get; } = new(StringComparer.Ordinal);

    /// <summary>The schema of <paramref name="type"/> as <paramref name="options"/> serialize it.</summary>
    public OpenApiSchema For(Type type, JsonSerializerOptions options) => Describe(type, options, nullable: false, member: null);

    private OpenApiSchema Describe(Type type, JsonSerializerOptions options, bool nullable, ICustomAttributeProvider? member)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return Describe(underlying, options, nullable: true, member);
        }

        var converterType = member?.GetCustomAttributes(typeof(JsonConverterAttribute), inherit: false).Cast<JsonConverterAttribute>().FirstOrDefault()?.ConverterType
            ?? options.Converters.FirstOrDefault(c => c.CanConvert(type))?.GetType();
        var schema = Primitive(type, converterType);
        if (schema is null)
        {
            var reference = new OpenApiSchema { Reference = new OpenApiReference { Type = ReferenceType.Schema, Id = Record(type, options) } };
            // In OpenAPI 3.0 a $ref's siblings are ignored, so a nullable reference needs allOf to carry nullable.
            return nullable ? new OpenApiSchema { AllOf = [reference], Nullable = true } : reference;
        }

        schema.Nullable = nullable;
        return schema;
    }

    private static OpenApiSchema? Primitive(Type type, Type? converter)
    {
        if (type.IsEnum)
        {
            return IsStringEnumConverter(converter)
                ? new OpenApiSchema { Type = "string", Enum = [.. Enum.GetNames(type).Select(n => (IOpenApiAny)new OpenApiString(n))] }
                : new OpenApiSchema { Type = "integer" };
        }

        if (converter is not null)
        {
            throw new NotSupportedException($"{type.Name} is written by the custom converter {converter.Name}; describe its schema by hand.");
        }

        return type switch
        {
            _ when type == typeof(string) || type == typeof(Guid) => new OpenApiSchema { Type = "string" },
            _ when type == typeof(Uri) => new OpenApiSchema { Type = "string", Format = "uri" },
            _ when type == typeof(DateTimeOffset) || type == typeof(DateTime) => new OpenApiSchema { Type = "string", Format = "date-time" },
            _ when type == typeof(bool) => new OpenApiSchema { Type = "boolean" },
            _ when type == typeof(int) || type == typeof(short) || type == typeof(byte) => new OpenApiSchema { Type = "integer", Format = "int32" },
            _ when type == typeof(long) => new OpenApiSchema { Type = "integer", Format = "int64" },
            _ when type == typeof(double) || type == typeof(decimal) => new OpenApiSchema { Type = "number", Format = "double" },
            _ when type == typeof(float) => new OpenApiSchema { Type = "number", Format = "float" },
            _ when type == typeof(JsonObject) => new OpenApiSchema { Type = "object" },
            // Opaque content kept as uploaded: any JSON value.
            _ when typeof(JsonNode).IsAssignableFrom(type) || type == typeof(JsonElement) => new OpenApiSchema(),
            _ => null,
        };
    }

    private string Record(Type type, JsonSerializerOptions options)
    {
        if (_described.TryGetValue(type, out var earlier))
        {
            if (!SameContract(earlier, options))
            {
                throw new NotSupportedException($"{type.Name} is serialized with two different sets of options; one schema cannot describe both.");
            }

            return type.Name;
        }

        if (Components.ContainsKey(type.Name))
        {
            throw new NotSupportedException($"Two response types are named {type.Name}; rename one so their schemas do not collide.");
        }

        // The contract the serializer builds, without locking the app's options (serializing does that when it first runs).
        var info = (options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).GetTypeInfo(type, options)
            ?? throw new NotSupportedException($"The serializer has no contract for {type.Name}.");
        _described[type] = options;
        var schema = new OpenApiSchema { Type = "object", AdditionalPropertiesAllowed = false };
        Components[type.Name] = schema;
        if (info.Kind == JsonTypeInfoKind.Enumerable)
        {
            throw new NotSupportedException($"{type.Name} is a collection; describe it as a property of a record.");
        }

        if (info.Kind != JsonTypeInfoKind.Object)
        {
            throw new NotSupportedException($"{type.Name} serializes as {info.Kind}; give the response a record type.");
        }

        foreach (var property in info.Properties.Where(p => p.Get is not null))
        {
            if (property.IsExtensionData)
            {
                schema.AdditionalPropertiesAllowed = true;
                continue;
            }

            var nullable = IsNullable(property);
            schema.Properties[property.Name] = Member(property.PropertyType, options, nullable, property.AttributeProvider);
            if (AlwaysWritten(property, options, nullable))
            {
                schema.Required.Add(property.Name);
            }
        }

        return type.Name;
    }

    private OpenApiSchema Member(Type type, JsonSerializerOptions options, bool nullable, ICustomAttributeProvider? member)
    {
        if (type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type) && !typeof(JsonNode).IsAssignableFrom(type))
        {
            var element = type.IsArray ? type.GetElementType()! : type.GetInterfaces().Append(type)
                .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))
                .Select(i => i.GetGenericArguments()[0])
                .FirstOrDefault() ?? throw new NotSupportedException($"{type.Name} is an untyped collection.");
            if (type.GetInterfaces().Append(type).Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>) || i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>)))
            {
                throw new NotSupportedException($"{type.Name} is a dictionary; give it a record type.");
            }

            // Elements are never null in the response records; a nullable element type would be described as such.
            return new OpenApiSchema { Type = "array", Items = Describe(element, options, nullable: false, member: null), Nullable = nullable };
        }

        return Describe(type, options, nullable, member);
    }

    /// <summary>
    /// Whether the member is in every body: its ignore condition (its own <see cref="JsonIgnoreAttribute"/>, else the
    /// options' default, which the contract does not expose) leaves it out when null, or when default.
    /// </summary>
    private static bool AlwaysWritten(JsonPropertyInfo property, JsonSerializerOptions options, bool nullable)
    {
        var condition = property.AttributeProvider?.GetCustomAttributes(typeof(JsonIgnoreAttribute), inherit: false).Cast<JsonIgnoreAttribute>().FirstOrDefault()?.Condition
            ?? options.DefaultIgnoreCondition;
        return condition switch
        {
            JsonIgnoreCondition.Never => true,
            JsonIgnoreCondition.WhenWritingNull => !nullable,
            JsonIgnoreCondition.WhenWritingDefault => false,
            _ => throw new NotSupportedException($"{property.Name} has the ignore condition {condition}."),
        };
    }

    private bool IsNullable(JsonPropertyInfo property)
    {
        if (property.PropertyType.IsValueType)
        {
            return Nullable.GetUnderlyingType(property.PropertyType) is not null;
        }

        var state = property.AttributeProvider switch
        {
            PropertyInfo p => _nullability.Create(p).ReadState,
            FieldInfo f => _nullability.Create(f).ReadState,
            _ => NullabilityState.Unknown,
        };
        return state != NullabilityState.NotNull;
    }

    private static bool IsStringEnumConverter(Type? converter) =>
        converter == typeof(JsonStringEnumConverter)
        || converter is { IsGenericType: true } && converter.GetGenericTypeDefinition() == typeof(JsonStringEnumConverter<>);

    private static bool SameContract(JsonSerializerOptions a, JsonSerializerOptions b) =>
        ReferenceEquals(a, b) || (a.PropertyNamingPolicy?.GetType() == b.PropertyNamingPolicy?.GetType() && a.DefaultIgnoreCondition == b.DefaultIgnoreCondition && a.Converters.Count == 0 && b.Converters.Count == 0);
}
