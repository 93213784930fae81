using System.Text.RegularExpressions;

namespace Serverless.LocalHost.Catalog;

/// <summary>
/// The checks the Functions host makes when it indexes a function app, with its messages. The host puts a function
/// that fails one in error and answers 404 for it while the rest of the app runs, which is easy to miss; the local
/// host refuses to start instead (see Program.cs), so the mistake shows on the first run.
/// </summary>
public static partial class FunctionAppValidator
{
    public const string ReservedRouteMessage = "The specified route conflicts with one or more built in routes.";

    // The host's own admin API and extension webhooks live under these; the host compares the start of the route's
    // text, so "administration/x" and "runtimes" are refused too, whatever the routePrefix.
    private static readonly string[] ReservedRoutePrefixes = ["admin", "runtime"];

    /// <summary>Every function the Functions host would put in error, in the order it indexes them.</summary>
    public static IReadOnlyList<FunctionError> Validate(IEnumerable<FunctionDeclaration> functions)
    {
        var errors = new List<FunctionError>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var routes = new List<(string Name, string Route, IReadOnlyList<string>? Methods)>();
        foreach (var function in functions)
        {
            if (!IsValidName(function.Name))
            {
                errors.Add(new FunctionError(function.Name, $"'{function.Name}' is not a valid function name."));
                continue;
            }

            if (!names.Add(function.Name))
            {
                errors.Add(new FunctionError(function.Name, $"The function or proxy name '{function.Name}' must be unique within the function app."));
                continue;
            }

            if (!function.IsHttp)
            {
                continue;
            }

            var route = (string.IsNullOrWhiteSpace(function.Route) ? function.Name : function.Route).Trim('/');
            if (IsReserved(route))
            {
                errors.Add(new FunctionError(function.Name, ReservedRouteMessage));
                continue;
            }

            var taken = routes.FindIndex(other => RoutesConflict(route, function.Methods, other.Route, other.Methods));
            if (taken >= 0)
            {
                errors.Add(new FunctionError(function.Name, $"The route specified conflicts with the route defined by function '{routes[taken].Name}'."));
                continue;
            }

            routes.Add((function.Name, route, function.Methods));
        }

        return errors;
    }

    public static IReadOnlyList<FunctionError> Validate(FunctionCatalog catalog) =>
        Validate(catalog.Functions.Select(FunctionDeclaration.From));

    /// <summary>The host's rule: a letter, then letters, digits, '_' or '-', 128 characters at most, and not "host".</summary>
    public static bool IsValidName(string name) => FunctionName().IsMatch(name);

    /// <summary>Whether the host keeps <paramref name="route"/> (without the routePrefix) for itself.</summary>
    public static bool IsReserved(string route)
    {
        var trimmed = route.Trim('/');
        return ReservedRoutePrefixes.Any(prefix => trimmed.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));
    }

    // Same route text (ignoring case and outer slashes) and a method in common; no methods means every method.
    private static bool RoutesConflict(string route, IReadOnlyList<string>? methods, string otherRoute, IReadOnlyList<string>? otherMethods) =>
        string.Equals(route, otherRoute, StringComparison.OrdinalIgnoreCase) &&
        (methods is not { Count: > 0 } || otherMethods is not { Count: > 0 } ||
         methods.Intersect(otherMethods, StringComparer.OrdinalIgnoreCase).Any());

    [GeneratedRegex(@"^[a-z][a-z0-9_\-]{0,127}$(?<!^host$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FunctionName();
}
