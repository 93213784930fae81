using System.Text;
using Microsoft.Extensions.Options;
using Serverless.Domain.Parsing;

namespace Serverless.UnitTests.Support;

public static class Parsers
{
    public static ArticleParser Create(ArticleParserOptions? options = null) => new(Options.Create(options ?? new ArticleParserOptions()));

    public static ArticleParseResult Parse(string text, string blobName = "test.md") => Create().Parse(Encoding.UTF8.GetBytes(text), blobName);
}
