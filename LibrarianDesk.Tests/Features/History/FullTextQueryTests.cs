using LibrarianDesk.Features.History;

namespace LibrarianDesk.Tests.Features.History;

public sealed class FullTextQueryTests
{
    [Theory]
    [InlineData("naskah", "\"naskah\"*")]
    [InlineData("  peta   Batavia ", "\"peta\"* \"Batavia\"*")]
    [InlineData("\"naskah\" AND (kuno", "\"naskah\"* \"AND\"* \"kuno\"*")]
    [InlineData("e-book: NEAR(x*)", "\"e\" \"book\"* \"NEAR\"* \"x\"")]
    [InlineData("ka di peta", "\"ka\" \"di\" \"peta\"*")]
    [InlineData("café", "\"café\"*")]
    public void Words_are_quoted_so_operators_and_punctuation_are_searched_literally(string typed, string expected) =>
        FullTextQuery.From(typed).Should().Be(expected);

    [Theory]
    [InlineData("naskah", "'naskah':*")]
    [InlineData("ka di peta", "'ka' & 'di' & 'peta':*")]
    [InlineData("café", "'café':*")]
    [InlineData("'naskah':* & kuno | !(peta) <-> \"AND\"", "'naskah':* & 'kuno':* & 'peta':* & 'AND':*")]
    public void Tsquery_words_are_quoted_lexemes_all_required_so_operators_are_searched_literally(string typed, string expected) =>
        FullTextQuery.TsQueryFrom(typed).Should().Be(expected);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\"")]
    [InlineData("( ) * ^ : -")]
    [InlineData("& | ! :* ' <->")]
    public void Text_without_a_word_is_no_text_search(string? typed)
    {
        FullTextQuery.From(typed).Should().BeNull();
        FullTextQuery.TsQueryFrom(typed).Should().BeNull();
    }

    [Fact]
    public void Marked_snippets_split_into_plain_and_highlighted_parts()
    {
        var parts = MarkedText.Split($"…ada {MarkedText.Start}naskah{MarkedText.End} <b>kuno</b>");

        parts.Should().Equal(
            new MarkedText.Part("…ada ", false), new MarkedText.Part("naskah", true), new MarkedText.Part(" <b>kuno</b>", false));
    }
}
