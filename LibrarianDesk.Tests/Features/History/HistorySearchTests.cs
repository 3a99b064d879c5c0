using LibrarianDesk.Features.Conversations;
using LibrarianDesk.Features.History;
using LibrarianDesk.Shared.Conversations;
using LibrarianDesk.Shared.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Tests.Features.History;

/// <summary>The history search against the desk's real SQLite file, index and triggers.</summary>
public sealed class HistorySearchTests(HistoryDesk app) : IClassFixture<HistoryDesk>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_word_finds_the_conversation_with_the_word_highlighted_in_its_snippet()
    {
        var word = HistoryDesk.UniqueWord("centhini");
        var wanted = await app.AnsweredAsync($"Apakah ada naskah Serat {word} edisi lama?", "Ada, di ruang naskah Nusantara.");
        await app.AnsweredAsync("Saya mencari peta Batavia tahun 1740.", "Ada di koleksi peta.");

        var results = await app.SearchAsync(new HistoryFilter { Text = word });

        results.Total.Should().Be(1);
        var hit = results.Hits.Single();
        hit.ConversationId.Should().Be(wanted);
        hit.OwnerName.Should().Be("Sari Wulandari");
        hit.Status.Should().Be(ConversationStatus.Closed);
        MarkedText.Split(hit.Snippet).Should().ContainSingle(p => p.Highlighted).Which.Text.Should().Be(word);
    }

    [Fact]
    public async Task Diacritics_are_folded_both_ways()
    {
        var suffix = HistoryDesk.UniqueWord("");
        var accented = await app.AnsweredAsync($"Ada buku resep kafé{suffix}?", "Ada.");
        var plain = await app.AnsweredAsync($"Cari arsip pere{suffix} tentang kopi", "Ada.");

        (await app.SearchAsync(new HistoryFilter { Text = "kafe" + suffix })).Hits.Select(h => h.ConversationId).Should().Equal(accented);
        (await app.SearchAsync(new HistoryFilter { Text = "père" + suffix })).Hits.Select(h => h.ConversationId).Should().Equal(plain);
    }

    [Fact]
    public async Task The_start_of_a_word_finds_the_whole_word()
    {
        var word = HistoryDesk.UniqueWord("pustakawan");
        var id = await app.AnsweredAsync("Halo, saya perlu bantuan.", $"Baik, {word} kami bantu.");

        var results = await app.SearchAsync(new HistoryFilter { Text = word[..^3] });

        results.Hits.Select(h => h.ConversationId).Should().Equal(id);
    }

    [Theory]
    [InlineData("\"{0}", 2)]
    [InlineData("{0} AND (", 1)]
    [InlineData("({0}* OR NEAR", 1)]
    [InlineData("{0}\" NOT -^:", 1)]
    public async Task Odd_input_is_searched_literally_and_never_fails(string typed, int expected)
    {
        var word = HistoryDesk.UniqueWord("lontar");
        var literal = await app.AnsweredAsync($"Di OPAC saya ketik \"{word} AND (\" lalu NEAR, OR, NOT -^: tidak keluar apa-apa.", "Coba tanpa tanda kutip.");
        var plain = await app.AnsweredAsync($"Koleksi {word} ada di lantai berapa?", "Lantai 9.");

        var results = await app.SearchAsync(new HistoryFilter { Text = string.Format(System.Globalization.CultureInfo.InvariantCulture, typed, word) });

        // AND, OR, NEAR and NOT are words like any other: only the conversation that contains them has them.
        results.Hits.Select(h => h.ConversationId).Should().BeEquivalentTo(expected == 2 ? [literal, plain] : new[] { literal });
    }

    [Theory]
    [InlineData("")]
    [InlineData("\"")]
    [InlineData("( ) * ^ :")]
    public async Task Text_without_words_lists_by_the_other_filters_alone(string typed)
    {
        var member = HistoryDesk.UniqueWord("PN");
        var id = await app.AnsweredAsync("Cara memperpanjang keanggotaan?", "Lewat K-OL.", member);

        var results = await app.SearchAsync(new HistoryFilter { Text = typed, MemberNumber = member });

        results.Hits.Should().ContainSingle().Which.ConversationId.Should().Be(id);
        results.Hits[0].Snippet.Should().Be("Cara memperpanjang keanggotaan?", "without search words each conversation shows its first message");
    }

    [Fact]
    public async Task Filters_combine_with_the_words()
    {
        var word = HistoryDesk.UniqueWord("isbn");
        var member = HistoryDesk.UniqueWord("PN");
        var chosen = await app.AnsweredAsync($"Bagaimana mengurus {word} untuk buku?", "Lewat layanan ISBN.", member, readScale: 3);
        await app.AnsweredAsync($"Pertanyaan {word} kedua", "Jawaban.", HistoryDesk.UniqueWord("PN"));
        var waiting = await Queue.Conversations.StartAsync(app, "Andi", member, $"Masih menunggu soal {word}");
        await RateAsync(chosen, 5);
        var type = await Queue.Conversations.FirstQuestionTypeAsync(app);
        var today = DateOnly.FromDateTime(Wib.ToWib(app.Service<TimeProvider>().GetUtcNow()).DateTime);

        (await app.SearchAsync(new HistoryFilter { Text = word })).Total.Should().Be(3);
        (await app.SearchAsync(new HistoryFilter { Text = word, MemberNumber = member })).Hits.Select(h => h.ConversationId)
            .Should().BeEquivalentTo([chosen, waiting]);

        var combined = new HistoryFilter
        {
            Text = word, MemberNumber = member.ToLowerInvariant(), Email = "PATRON@contoh", Status = ConversationStatus.Closed,
            Rating = 5, QuestionTypeId = type.Id, LibrarianId = app.LibrarianId, From = today, To = today,
            Membership = MembershipMark.NotChecked,
        };
        (await app.SearchAsync(combined)).Hits.Select(h => h.ConversationId).Should().Equal(chosen);

        (await app.SearchAsync(combined with { Rating = 4 })).Total.Should().Be(0);
        (await app.SearchAsync(combined with { LibrarianId = app.ColleagueId })).Total.Should().Be(0);
        (await app.SearchAsync(combined with { From = today.AddDays(1), To = null })).Total.Should().Be(0);
        (await app.SearchAsync(combined with { From = null, To = today.AddDays(-1) })).Total.Should().Be(0);
        (await app.SearchAsync(combined with { Membership = MembershipMark.VerifiedMember })).Total.Should().Be(0);
        (await app.SearchAsync(combined with { Text = null })).Hits.Select(h => h.ConversationId).Should().Equal(chosen);
    }

    [Fact]
    public async Task A_new_message_is_found_the_moment_it_is_stored()
    {
        var word = HistoryDesk.UniqueWord("manuskrip");
        var id = await Queue.Conversations.StartAsync(app, text: "Halo");
        (await app.SearchAsync(new HistoryFilter { Text = word })).Total.Should().Be(0);

        await app.Service<LibrarianChat>().ReplyAsync(app.LibrarianId, id, $"Koleksi {word} sudah didigitalkan.");

        (await app.SearchAsync(new HistoryFilter { Text = word })).Hits.Select(h => h.ConversationId).Should().Equal(id);
    }

    [Fact]
    public async Task An_internal_note_is_found_by_every_librarian_and_supervisor_not_only_its_writer()
    {
        var word = HistoryDesk.UniqueWord("rahasia");
        var id = await Queue.Conversations.StartAsync(app, text: "Saya mencari arsip keluarga.");
        await app.Service<LibrarianChat>().ReplyAsync(app.LibrarianId, id, "Kami cek dulu.");
        await app.Service<LibrarianChat>().AddNoteAsync(app.LibrarianId, id, $"Catatan: pemustaka {word} ini sering bertanya.");

        (await app.SearchAsync(new HistoryFilter { Text = word }, app.Colleague)).Hits.Select(h => h.ConversationId).Should().Equal(id);
        (await app.SearchAsync(new HistoryFilter { Text = word }, app.Librarian)).Hits.Select(h => h.ConversationId).Should().Equal(id);
        (await app.SearchAsync(new HistoryFilter { Text = word }, app.Supervisor)).Hits.Select(h => h.ConversationId).Should().Equal(id);
    }

    [Fact]
    public async Task Newest_first_or_best_match_first()
    {
        var word = HistoryDesk.UniqueWord("wayang");
        var once = await app.AnsweredAsync($"Ada buku {word}?", "Ada.");
        var many = await app.AnsweredAsync($"{word} {word} {word} kulit", $"Koleksi {word} lengkap.");

        (await app.SearchAsync(new HistoryFilter { Text = word })).Hits.Select(h => h.ConversationId).Should().Equal(many, once);
        var relevant = await app.SearchAsync(new HistoryFilter { Text = word, Order = HistoryOrder.Relevance });
        relevant.Hits[0].ConversationId.Should().Be(many);
        relevant.Hits[0].Matches.Should().Be(2);
    }

    [Fact]
    public async Task Results_come_a_page_at_a_time()
    {
        var member = HistoryDesk.UniqueWord("PN");
        for (var i = 0; i < 3; i++)
        {
            await app.AnsweredAsync($"Pertanyaan nomor {i}", "Jawaban.", member);
        }

        var search = app.Service<HistorySearch>();
        var first = await search.SearchAsync(new HistoryFilter { MemberNumber = member }, app.Librarian, 0, 2, Cancel);
        var second = await search.SearchAsync(new HistoryFilter { MemberNumber = member }, app.Librarian, 2, 2, Cancel);

        first.Total.Should().Be(3);
        first.Hits.Should().HaveCount(2);
        second.Hits.Should().ContainSingle();
        first.Hits.Concat(second.Hits).Select(h => h.ConversationId).Should().OnlyHaveUniqueItems();
        first.Hits[0].StartedAt.Should().BeOnOrAfter(first.Hits[1].StartedAt);
    }

    [Theory]
    [InlineData(HistoryOrder.Newest)]
    [InlineData(HistoryOrder.Relevance)]
    public async Task Search_words_come_a_page_at_a_time_with_the_same_total_on_every_page(HistoryOrder order)
    {
        var word = HistoryDesk.UniqueWord("babad");
        for (var i = 0; i < 3; i++)
        {
            await app.AnsweredAsync($"Pertanyaan {word} nomor {i}", "Jawaban.");
        }

        var search = app.Service<HistorySearch>();
        var filter = new HistoryFilter { Text = word, Order = order };
        var first = await search.SearchAsync(filter, app.Librarian, 0, 2, Cancel);
        var second = await search.SearchAsync(filter, app.Librarian, 2, 2, Cancel);
        var past = await search.SearchAsync(filter, app.Librarian, 4, 2, Cancel);

        new[] { first.Total, second.Total, past.Total }.Should().AllBeEquivalentTo(3);
        first.Hits.Should().HaveCount(2);
        second.Hits.Should().ContainSingle();
        past.Hits.Should().BeEmpty();
        first.Hits.Concat(second.Hits).Select(h => h.ConversationId).Should().OnlyHaveUniqueItems();
    }

    [Theory]
    [InlineData(HistoryOrder.Newest)]
    [InlineData(HistoryOrder.Relevance)]
    public async Task A_colleagues_note_gives_its_snippet_and_counts_among_the_matches(HistoryOrder order)
    {
        var word = HistoryDesk.UniqueWord("prasasti");
        var id = await app.AnsweredAsync($"Ada foto {word} Kedukan Bukit?", "Ada di koleksi foto.", note: $"{word} {word} {word}: sudah dipindai");
        var filter = new HistoryFilter { Text = word, Order = order };

        var colleague = (await app.SearchAsync(filter, app.Colleague)).Hits.Should().ContainSingle().Subject;

        colleague.ConversationId.Should().Be(id);
        colleague.Matches.Should().Be(2, "the patron's question and Sari's note both match");
        MarkedText.Split(colleague.Snippet).Select(p => p.Text).Should().Contain(t => t.Contains("dipindai", StringComparison.Ordinal),
            "the note, with the word three times, is the best match");
        (await app.SearchAsync(filter, app.Librarian)).Hits.Should().BeEquivalentTo([colleague], "everyone on the team finds the same");
    }

    private async Task RateAsync(Guid id, int rating)
    {
        await using var db = app.CreateDbContext();
        var conversation = await db.Conversations.SingleAsync(c => c.Id == id, Cancel);
        conversation.Rate(rating, "Sangat membantu");
        await db.SaveChangesAsync(Cancel);
    }
}
