using LibrarianDesk.Features.Audit;
using LibrarianDesk.Features.Faq;
using LibrarianDesk.Shared.Contracts;
using LibrarianDesk.Shared.Faq;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace LibrarianDesk.Tests.Features.Faq;

public sealed class FaqServiceTests(OpenDeskApp app) : IClassFixture<OpenDeskApp>
{
    private static readonly AuditActor Supervisor = new(null, "Supervisor in a test");

    private FaqService Faq => app.Service<FaqService>();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static FaqEntry Entry(string question, bool published = true) => new()
    {
        QuestionId = question, AnswerId = "Jawaban untuk " + question, QuestionEn = question + " (en)", AnswerEn = "Answer", IsPublished = published,
    };

    private async Task<List<FaqAnswer>> SearchAsync(string query)
    {
        await using var patron = await PatronClient.ConnectAsync(app);
        return await patron.Connection.InvokeAsync<List<FaqAnswer>>(PatronHubContract.Methods.SearchFaq, query, Cancel);
    }

    [Fact]
    public async Task An_entry_needs_both_languages_and_stays_within_its_limits()
    {
        (await Faq.SaveAsync(Supervisor, Entry("Q").WithoutEnglish())).Should().Equal(FaqErrors.Required);
        var tooLong = Entry(new string('q', FaqEntry.MaxQuestionLength + 1));
        (await Faq.SaveAsync(Supervisor, tooLong)).Should().Equal(FaqErrors.TooLong);
    }

    [Fact]
    public async Task Only_published_entries_reach_the_widget()
    {
        (await Faq.SaveAsync(Supervisor, Entry("Bisakah memesan ruang karel?", published: false))).Should().BeEmpty();
        (await SearchAsync("ruang karel")).Should().BeEmpty();

        var draft = (await Faq.ListAsync(Cancel)).Single(f => f.QuestionId == "Bisakah memesan ruang karel?");
        draft.IsPublished = true;
        (await Faq.SaveAsync(Supervisor, draft)).Should().BeEmpty();
        (await SearchAsync("ruang karel")).Should().ContainSingle().Which.Answer.Should().Be("Jawaban untuk Bisakah memesan ruang karel?");
    }

    [Fact]
    public async Task Moving_an_entry_up_changes_the_order_patrons_see()
    {
        await Faq.SaveAsync(Supervisor, Entry("Urutan pertama zebra"));
        await Faq.SaveAsync(Supervisor, Entry("Urutan kedua zebra"));
        var second = (await Faq.ListAsync(Cancel)).Single(f => f.QuestionId == "Urutan kedua zebra");

        await Faq.MoveAsync(Supervisor, second.Id, -1);

        (await SearchAsync("zebra")).Select(f => f.Question).Should().Equal("Urutan kedua zebra", "Urutan pertama zebra");
    }

    [Theory]
    [InlineData("jam buka", "Kapan jam layanan Tanya Pustakawan?")]
    [InlineData("pinjam buku", "Bagaimana cara meminjam buku digital di iPusnas?")]
    [InlineData("JAM Layánan", "Kapan jam layanan Tanya Pustakawan?")]
    public async Task The_widget_finds_the_seeded_entry_for_what_patrons_type(string query, string bestQuestion)
    {
        var found = await SearchAsync(query);

        found.Should().NotBeEmpty();
        found[0].Question.Should().Be(bestQuestion);
    }

    [Fact]
    public async Task An_english_widget_searches_the_english_texts()
    {
        await using var patron = await PatronClient.ConnectAsync(app, "en");

        var found = await patron.Connection.InvokeAsync<List<FaqAnswer>>(PatronHubContract.Methods.SearchFaq, "borrow books", Cancel);

        found.Should().NotBeEmpty();
        found[0].Question.Should().Be("How do I borrow an e-book on iPusnas?");
    }

    [Fact]
    public async Task A_search_over_the_limits_is_refused_with_a_sentence()
    {
        var tooLong = () => SearchAsync(new string('b', FaqSearch.MaxQueryLength + 1));
        var tooManyWords = () => SearchAsync(string.Join(' ', Enumerable.Repeat("buku", FaqSearch.MaxWords).Select((w, i) => w + i)) + " pinjam");

        (await tooLong.Should().ThrowAsync<HubException>()).Which.Error()
            .Should().Contain("validation: Pencarian terlalu panjang (maksimal 200 karakter dan 12 kata).");
        (await tooManyWords.Should().ThrowAsync<HubException>()).Which.Error().Should().StartWith("validation: Pencarian terlalu panjang");
    }
}

internal static class FaqEntryTestExtensions
{
    public static FaqEntry WithoutEnglish(this FaqEntry entry)
    {
        entry.QuestionEn = "";
        entry.AnswerEn = " ";
        return entry;
    }
}
