using LibrarianDesk.Shared.Faq;

namespace LibrarianDesk.Tests.Faq;

public sealed class FaqSearchTests
{
    private static readonly FaqEntry[] Entries =
    [
        new() { Id = 1, SortOrder = 10, QuestionId = "Bagaimana cara menjadi anggota?", AnswerId = "Daftar secara daring." },
        new() { Id = 2, SortOrder = 20, QuestionId = "Kapan jam layanan?", AnswerId = "Senin–Jumat pukul 09.00–19.00 WIB." },
        new() { Id = 3, SortOrder = 30, QuestionId = "Di mana katalog buku?", AnswerId = "Buka OPAC di laman perpustakaan." },
        new() { Id = 4, SortOrder = 40, QuestionId = "Bagaimana meminjam buku digital?", AnswerId = "Cari judulnya lalu tekan Pinjam." },
        new() { Id = 5, SortOrder = 50, QuestionId = "Koleksi naskah Nusantara", AnswerId = "Naskah kuno dibaca di ruang Ḱhusus." },
    ];

    private static IEnumerable<int> Search(string query) =>
        FaqSearch.Rank(Entries, FaqSearch.WordsOf(query)!, e => e.QuestionId + " " + e.AnswerId).Select(e => e.Id);

    [Fact]
    public void Any_word_finds_an_entry_and_entries_matching_more_words_come_first()
    {
        Search("jam buka").Should().Equal(2, 3);
        Search("pinjam buku").Should().Equal(4, 3);
        Search("buku pinjam digital").Should().Equal(4, 3);
    }

    [Fact]
    public void Words_match_as_prefixes_ignoring_case_and_accents()
    {
        Search("PERPUS").Should().Equal(3);
        Search("ánggota").Should().Equal(1);
        Search("khusus").Should().Equal(5);
    }

    [Fact]
    public void Short_words_match_whole_words_only()
    {
        Search("di").Should().Equal(3, 5);
    }

    [Fact]
    public void An_empty_query_or_one_without_words_lists_the_first_entries_in_order()
    {
        Search("").Should().Equal(1, 2, 3, 4, 5);
        Search(" ?! ").Should().Equal(1, 2, 3, 4, 5);
        Search("zebra").Should().BeEmpty();
    }

    [Fact]
    public void A_query_over_the_length_or_word_limit_is_refused()
    {
        FaqSearch.WordsOf(new string('a', FaqSearch.MaxQueryLength)).Should().NotBeNull();
        FaqSearch.WordsOf(new string('a', FaqSearch.MaxQueryLength + 1)).Should().BeNull();
        FaqSearch.WordsOf(string.Join(' ', Enumerable.Range(1, FaqSearch.MaxWords).Select(i => "kata" + i))).Should().HaveCount(FaqSearch.MaxWords);
        FaqSearch.WordsOf(string.Join(' ', Enumerable.Range(1, FaqSearch.MaxWords + 1).Select(i => "kata" + i))).Should().BeNull();
    }
}
