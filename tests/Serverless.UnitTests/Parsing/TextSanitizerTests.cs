using Serverless.Domain.Parsing;
using Serverless.UnitTests.Support;

namespace Serverless.UnitTests.Parsing;

public sealed class TextSanitizerTests
{
    [Fact]
    public void ControlCharactersAndLoneSurrogatesGoAndEverythingElseStays()
    {
        Assert.Equal("ab\tc\nd😀e", TextSanitizer.Clean("a\u0001b\tc\nd\u0085😀\ud800e\uffff"));
        var clean = "Plain text, 😀 and \u202e stay";
        Assert.Same(clean, TextSanitizer.Clean(clean));
    }

    [Fact]
    public void NamesAlsoLoseBidiAndFormatCharacters() =>
        Assert.Equal("AI Ethics", TextSanitizer.CleanName("AI\u202e Eth\u200bics\u2066\u0007"));

    [Fact]
    public void CutsWithAMarkerAndNeverSplitsASurrogatePair()
    {
        Assert.Equal("abcd…", TextSanitizer.Cut("abcdefgh", 5));
        Assert.Equal("abc…", TextSanitizer.Cut("abc😀fgh", 5));
        Assert.Equal("short", TextSanitizer.Cut("short", 5));
    }

    [Fact]
    public void AParsedArticleCarriesNoControlCharacterInAnyDisplayedField()
    {
        var result = Parsers.Parse("---\ntitle: \"Title\\x01\\e here\"\nexcerpt: \"Ex\\x7fcerpt\"\nprovider: { name: \"Out\\x9clet\" }\ntopics: [\"Top\\u202eic\"]\nrelated:\n  - webUrl: https://a.example/r\n    title: \"Rel\\x01ated\"\n---\n");

        Assert.True(result.Succeeded, result.Error?.ToString());
        var article = result.Article;
        Assert.Equal(("Title here", "Excerpt", "Outlet", "Topic", "Related"), (article.Title, article.Excerpt, article.Provider!.Name, article.Topics[0], article.Related[0].Title));
        Assert.Contains(result.Warnings, w => w.Code == "characters-removed");
    }
}
