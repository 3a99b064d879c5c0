using Bunit;
using LibrarianDesk.Features.Conversations;
using LibrarianDesk.Features.History;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace LibrarianDesk.Tests.Features.History;

/// <summary>The history pages rendered with the desk's real search over its real database.</summary>
public sealed class HistoryPageTests : LiveDeskComponentTest, IClassFixture<HistoryDesk>
{
    private readonly HistoryDesk app;

    public HistoryPageTests(HistoryDesk app)
        : base(app)
    {
        this.app = app;
        Services.AddSingleton(app.Service<HistorySearch>());
    }

    private IRenderedComponent<HistoryPage> RenderPage()
    {
        Render<MudPopoverProvider>();
        return Render<HistoryPage>();
    }

    [Fact]
    public async Task A_search_lists_the_conversation_with_the_match_highlighted_and_markup_shown_as_text()
    {
        SignInAsAccount(app.LibrarianId, "Sari Wulandari", DeskRoles.Librarian);
        var word = HistoryDesk.UniqueWord("babad");
        await app.AnsweredAsync($"Cari <b>{word}</b> Tanah Jawi <script>alert(1)</script>", "Ada di koleksi naskah.", HistoryDesk.UniqueWord("PN"));
        var page = RenderPage();

        page.Find("[data-testid=history-text] input, input[data-testid=history-text]").Input(word);
        page.Find("form[data-testid=history-form]").Submit();

        page.WaitForAssertion(() => page.FindAll("[data-testid=history-snippet] mark").Should().ContainSingle().Which.TextContent.Should().Be(word));
        var snippet = page.Find("[data-testid=history-snippet]");
        snippet.TextContent.Should().Contain("<b>").And.Contain("<script>alert(1)</script>");
        snippet.QuerySelectorAll("b, script").Should().BeEmpty("message text is never rendered as markup");
        page.Find("[data-testid=history-patron]").TextContent.Should().Contain("Siti Rahma");
        page.FindAll("[data-testid=history-table] tbody tr").Should().ContainSingle();
    }

    [Fact]
    public void A_search_without_matches_says_so()
    {
        SignInAsAccount(app.LibrarianId, "Sari Wulandari", DeskRoles.Librarian);
        var page = RenderPage();

        page.Find("[data-testid=history-text] input, input[data-testid=history-text]").Input(HistoryDesk.UniqueWord("tidakada"));
        page.Find("form[data-testid=history-form]").Submit();

        page.WaitForAssertion(() => page.Find("[data-testid=history-empty]").TextContent.Should().Contain("Tidak ada percakapan yang cocok"));
    }

    [Fact]
    public async Task A_librarian_reads_a_transcript_with_every_colleagues_internal_notes()
    {
        var id = await Queue.Conversations.StartAsync(app, "Siti Rahma", text: "Saya mencari koleksi peta Batavia.");
        var chat = app.Service<LibrarianChat>();
        await chat.ReplyAsync(app.LibrarianId, id, "Ada di lantai 9.");
        await chat.AddNoteAsync(app.LibrarianId, id, "Catatan Sari: pemustaka peneliti.");
        await chat.AddNoteAsync(app.ColleagueId, id, "Catatan Budi: pernah bertanya juga.");

        SignInAsAccount(app.ColleagueId, "Budi Santoso", DeskRoles.Librarian);
        var page = Render<HistoryTranscriptPage>(p => p.Add(c => c.Id, id));

        page.WaitForAssertion(() => page.FindAll("[data-testid=transcript-line]").Should().HaveCount(4));
        page.FindAll("[data-testid=transcript-line][data-author=note]").Select(n => n.TextContent).Should().SatisfyRespectively(
            sari => sari.Should().Contain("Catatan Internal · Sari Wulandari").And.Contain("Catatan Sari: pemustaka peneliti."),
            budi => budi.Should().Contain("Catatan Internal · Budi Santoso").And.Contain("Catatan Budi: pernah bertanya juga."));
        page.Find("[data-testid=history-librarians]").TextContent.Should().Be("Sari Wulandari");
        page.Find("[data-testid=history-status]").TextContent.Should().Contain("Aktif");
        page.Find("[data-testid=history-export]").GetAttribute("href").Should().Be(HistoryEndpoints.TranscriptPath(id));
    }

    [Fact]
    public async Task A_supervisor_sees_every_note()
    {
        var id = await Queue.Conversations.StartAsync(app, "Siti Rahma", text: "Halo");
        await app.Service<LibrarianChat>().ReplyAsync(app.LibrarianId, id, "Halo juga.");
        await app.Service<LibrarianChat>().AddNoteAsync(app.LibrarianId, id, "Catatan Sari untuk tim.");

        SignInAsAccount(app.SupervisorId, "Hendra Gunawan", DeskRoles.Librarian, DeskRoles.Supervisor);
        var page = Render<HistoryTranscriptPage>(p => p.Add(c => c.Id, id));

        page.WaitForAssertion(() => page.Find("[data-testid=transcript]").TextContent.Should().Contain("Catatan Sari untuk tim."));
    }

    [Theory]
    [InlineData(DeskRoles.Librarian)]
    [InlineData(DeskRoles.Supervisor)]
    public void Librarians_and_supervisors_are_told_the_search_covers_everyones_internal_notes(string role)
    {
        SignInAsAccount(role == DeskRoles.Librarian ? app.LibrarianId : app.SupervisorId, "Pembaca Riwayat", role);

        var page = RenderPage();

        page.Markup.Should().Contain("termasuk catatan internal semua pustakawan");
    }
}
