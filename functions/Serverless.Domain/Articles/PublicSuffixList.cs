using System.Globalization;

namespace Serverless.Domain.Articles;

/// <summary>
/// The Public Suffix List's rules (shipped as data, <c>Articles/Data/public_suffix_list.dat</c>): which part of a host
/// name anyone can register under (<c>com</c>, <c>co.uk</c>, <c>github.io</c>), so the registrable domain is that
/// suffix plus one label. Implements the list's algorithm: the longest matching rule wins, <c>*</c> matches one label,
/// <c>!</c> marks an exception, and a host no rule matches has the one-label suffix <c>*</c>.
/// </summary>
public sealed class PublicSuffixList
{
    private readonly HashSet<string> _rules;
    private readonly HashSet<string> _wildcards;
    private readonly HashSet<string> _exceptions;

    private PublicSuffixList(HashSet<string> rules, HashSet<string> wildcards, HashSet<string> exceptions)
    {
        _rules = rules;
        _wildcards = wildcards;
        _exceptions = exceptions;
    }

    /// <summary>The list shipped with the app, read once.</summary>
    public static PublicSuffixList Default { get; } = Load();

    public static PublicSuffixList Parse(IEnumerable<string> lines)
    {
        var idn = new IdnMapping();
        HashSet<string> rules = new(StringComparer.Ordinal), wildcards = new(StringComparer.Ordinal), exceptions = new(StringComparer.Ordinal);
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith("//", StringComparison.Ordinal))
            {
                continue;
            }

            // Rules are written in Unicode; hosts arrive in their ASCII (punycode) form.
            var set = line[0] == '!' ? exceptions : line.StartsWith("*.", StringComparison.Ordinal) ? wildcards : rules;
            var name = line.TrimStart('!', '*', '.');
            try
            {
                set.Add(idn.GetAscii(name).ToLowerInvariant());
            }
            catch (ArgumentException)
            {
                set.Add(name.ToLowerInvariant());
            }
        }

        return new PublicSuffixList(rules, wildcards, exceptions);
    }

    /// <summary>The registrable domain of <paramref name="host"/> (lower-case ASCII): null for an IP address, a bare suffix or an empty name.</summary>
    public string? RegistrableDomain(string host)
    {
        host = host.Trim().TrimEnd('.').ToLowerInvariant();
        if (host.Length == 0 || System.Net.IPAddress.TryParse(host.Trim('[', ']'), out _))
        {
            return null;
        }

        var labels = host.Split('.');
        var suffixLabels = 1;
        for (var i = 0; i < labels.Length; i++)
        {
            var candidate = string.Join('.', labels[i..]);
            if (_exceptions.Contains(candidate))
            {
                // The exception's own labels minus its first are the suffix.
                suffixLabels = labels.Length - i - 1;
                break;
            }

            if (_rules.Contains(candidate))
            {
                suffixLabels = labels.Length - i;
                break;
            }

            if (i + 1 < labels.Length && _wildcards.Contains(string.Join('.', labels[(i + 1)..])))
            {
                suffixLabels = labels.Length - i;
                break;
            }
        }

        return labels.Length > suffixLabels ? string.Join('.', labels[^(suffixLabels + 1)..]) : null;
    }

    private static PublicSuffixList Load()
    {
        using var stream = typeof(PublicSuffixList).Assembly.GetManifestResourceStream("public_suffix_list.dat")
            ?? throw new InvalidOperationException("The Public Suffix List is not embedded in Serverless.Domain.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd().Split('\n'));
    }
}
