using System.Globalization;

namespace Serverless.Domain.Scoring;

/// <summary>Article and story ids as story clustering holds them (128 bits) and as they are stored (32 hex digits).</summary>
public static class StoryIds
{
    public static UInt128 Parse(string id) => UInt128.Parse(id, NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    public static string Format(UInt128 id) => id.ToString("x32", CultureInfo.InvariantCulture);
}
