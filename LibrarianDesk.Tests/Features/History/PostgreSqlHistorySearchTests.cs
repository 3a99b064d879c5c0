using LibrarianDesk.Features.Conversations;
using LibrarianDesk.Features.History;
using LibrarianDesk.Shared.Contracts;
using LibrarianDesk.Tests.Infrastructure;
using StartedConversations = LibrarianDesk.Tests.Features.Queue.Conversations;

namespace LibrarianDesk.Tests.Features.History;

/// <summary>
/// The history search on a real PostgreSQL, where what FTS5 gives SQLite is built from a generated tsvector
/// column (simple + unaccent), to_tsquery and ts_headline: the parts only PostgreSQL can get wrong.
/// </summary>
public sealed class PostgreSqlHistorySearchTests(OpenPostgreSqlDeskApp app) : IClassFixture<OpenPostgreSqlDeskApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Accents_and_case_are_ignored_both_ways_and_the_word_is_highlighted_as_written()
    {
        await PostgreSqlDeskApp.RequireAsync();
        var suffix = HistoryDesk.UniqueWord("");
        var accented = await StartAsync($"Apakah Perpustakaán{suffix} buka hari Minggu?");
        var plain = await StartAsync($"Jam buka perpustakaan{suffix}nya kapan?");

        var found = await SearchAsync($"perpustakaan{suffix}");
        found.Hits.Select(h => h.ConversationId).Should().BeEquivalentTo([accented, plain]);
        MarkedText.Split(found.Hits.Single(h => h.ConversationId == accented).Snippet).Should()
            .ContainSingle(p => p.Highlighted).Which.Text.Should().Be($"Perpustakaán{suffix}");
        (await SearchAsync($"PERPUSTAKÁÄN{suffix}NYA")).Hits.Select(h => h.ConversationId).Should().Equal(plain);
    }

    [Fact]
    public async Task The_start_of_a_word_finds_it_but_every_word_must_occur()
    {
        await PostgreSqlDeskApp.RequireAsync();
        var word = HistoryDesk.UniqueWord("pustakawan");
        var id = await StartAsync($"Bisa bicara dengan {word} rujukan?");

        (await SearchAsync(word[..^3])).Hits.Select(h => h.ConversationId).Should().Equal(id);
        (await SearchAsync($"{word[..^3]} rujuk")).Hits.Select(h => h.ConversationId).Should().Equal(id);
        (await SearchAsync($"{word} peta")).Total.Should().Be(0, "\"peta\" is not in the conversation");
    }

    [Theory]
    [InlineData("{0} & | ! :* ( )", 1)]
    [InlineData("!{0}", 1)]
    [InlineData("'{0}':*", 1)]
    [InlineData("\"{0}\" <-> (tidak)", 1)]
    [InlineData("{0} | {1}", 0)]
    [InlineData("{0} OR {1}", 0)]
    [InlineData("& | ! :* ( ) ' \" <->", 1)]
    public async Task Tsquery_operators_typed_are_plain_text_and_never_fail(string typed, int expected)
    {
        await PostgreSqlDeskApp.RequireAsync();
        var word = HistoryDesk.UniqueWord("lontar");
        var member = HistoryDesk.UniqueWord("PN");
        var id = await StartAsync($"Koleksi {word} tidak ketemu di OPAC.", member);

        var results = await app.Service<HistorySearch>().SearchAsync(
            new HistoryFilter { Text = string.Format(System.Globalization.CultureInfo.InvariantCulture, typed, word, HistoryDesk.UniqueWord("tidakada")), MemberNumber = member },
            new HistoryReader(app.LibrarianId), 0, 50, Cancel);

        // ! is no NOT, | and OR no OR: every word must occur; only operators is no search word at all.
        results.Hits.Select(h => h.ConversationId).Should().Equal(expected == 1 ? [id] : Array.Empty<Guid>());
    }

    [Fact]
    public async Task Messages_written_through_the_chat_are_found_the_moment_they_are_stored()
    {
        await PostgreSqlDeskApp.RequireAsync();
        var started = await StartedConversations.StartedAsync(app);
        var asked = HistoryDesk.UniqueWord("manuskrip");
        var answered = HistoryDesk.UniqueWord("digital");
        (await SearchAsync(asked)).Total.Should().Be(0);

        await app.Service<PatronChat>().SendPatronMessageAsync(
            new SendMessageRequest(started.ConversationId, started.PatronToken, PatronClient.NewMessageId(), $"Ada {asked} Jawa kuno?"));
        await app.Service<LibrarianChat>().ReplyAsync(app.LibrarianId, started.ConversationId, $"Ada, versi {answered} juga.");

        (await SearchAsync(asked)).Hits.Select(h => h.ConversationId).Should().Equal(started.ConversationId);
        (await SearchAsync($"{asked} {answered}")).Total.Should().Be(0, "the words are in two messages, and one message must hold every word");
        (await SearchAsync(answered)).Hits.Should().ContainSingle().Which.Matches.Should().Be(1);
    }

    [Fact]
    public async Task A_snippet_is_the_message_itself_around_the_words_with_them_highlighted_and_cuts_marked()
    {
        await PostgreSqlDeskApp.RequireAsync();
        var quoted = HistoryDesk.UniqueWord("babad");
        var host = HistoryDesk.UniqueWord("perpus");
        var filler = string.Join(' ', Enumerable.Repeat("lalu", 30));
        await StartAsync($"Awal {filler}. Judulnya “{quoted}”, kata sari@{host}.go.id (lihat e-book). {filler} akhir.");

        var hit = (await SearchAsync($"{quoted} {host}")).Hits.Should().ContainSingle().Subject;

        hit.Snippet.Should().StartWith("…").And.EndWith("…", "the message is longer than a snippet on both sides");
        hit.Snippet.Should().Contain($"{MarkedText.Start}{quoted}{MarkedText.End}”, kata sari@{MarkedText.Start}{host}{MarkedText.End}.go.id (lihat e-book).",
            "the words are highlighted inside quotes and an address, with the message's own punctuation around them");
        MarkedText.Split(hit.Snippet).Where(p => p.Highlighted).Select(p => p.Text).Should().Equal(quoted, host);
    }

    private async Task<Guid> StartAsync(string question, string? memberNumber = null) =>
        await StartedConversations.StartAsync(app, memberNumber: memberNumber, text: question);

    private Task<HistoryResults> SearchAsync(string text) =>
        app.Service<HistorySearch>().SearchAsync(new HistoryFilter { Text = text }, new HistoryReader(app.LibrarianId), 0, 50, Cancel);
}
