using System.Net;
using LibrarianDesk.Features.Conversations;
using LibrarianDesk.Features.History;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Infrastructure;

namespace LibrarianDesk.Tests.Features.History;

/// <summary>Who may open the history and its export over HTTP, and what the export holds.</summary>
public sealed class HistoryAccessTests(HistoryDesk app) : IClassFixture<HistoryDesk>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/history")]
    [InlineData("/history/0197a1b2-0000-7000-8000-000000000001")]
    [InlineData("/history/0197a1b2-0000-7000-8000-000000000001/transcript.txt")]
    public async Task An_anonymous_request_is_sent_to_sign_in(string path)
    {
        using var client = app.CreateBrowserClient();

        var response = await client.GetAsync(path, Cancel);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        SignIn.RedirectPath(response).Should().Contain("Account/Login");
    }

    [Fact]
    public async Task A_librarian_opens_the_history()
    {
        using var client = app.CreateBrowserClient();
        await SignIn.AsAsync(client, OpenDeskApp.LibrarianEmail, DeskApp.StaffPassword);

        var response = await client.GetAsync("/history", Cancel);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(Cancel)).Should().Contain("Riwayat Percakapan");
    }

    [Fact]
    public async Task An_account_without_a_desk_reading_role_is_refused()
    {
        using var client = await SignIn.NewClientWithRoleAsync(app, DeskRoles.ItAdmin);

        (await client.GetAsync("/history", Cancel)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var id = await Queue.Conversations.StartAsync(app);
        (await client.GetAsync(HistoryEndpoints.TranscriptPath(id), Cancel)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData(DeskRoles.Librarian)]
    [InlineData(DeskRoles.Supervisor)]
    public async Task The_export_is_the_teams_transcript_in_WIB_with_every_internal_note_marked(string readerRole)
    {
        var word = HistoryDesk.UniqueWord("catatan");
        var id = await Queue.Conversations.StartAsync(app, "Siti Rahma", text: "Saya mencari koleksi peta Batavia.");
        var chat = app.Service<LibrarianChat>();
        await chat.ReplyAsync(app.LibrarianId, id, "Ada di lantai 9.");
        await chat.AddNoteAsync(app.LibrarianId, id, $"Internal {word}: pemustaka peneliti.");
        using var client = await SignIn.NewClientWithRoleAsync(app, readerRole);

        var response = await client.GetAsync(HistoryEndpoints.TranscriptPath(id), Cancel);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/plain");
        response.Content.Headers.ContentDisposition!.FileNameStar.Should().StartWith("transcript-").And.EndWith(".txt");
        var text = await response.Content.ReadAsStringAsync(Cancel);
        text.Should().Contain("Saya mencari koleksi peta Batavia.").And.Contain("Ada di lantai 9.").And.Contain("Sari Wulandari").And.Contain(" WIB");
        text.Should().Contain($"Catatan Internal · Sari Wulandari\nInternal {word}: pemustaka peneliti.", "a colleague's note is the team's too");
    }

    [Fact]
    public async Task An_export_of_an_unknown_conversation_is_not_found()
    {
        using var client = app.CreateBrowserClient();
        await SignIn.AsAsync(client, OpenDeskApp.LibrarianEmail, DeskApp.StaffPassword);

        var response = await client.GetAsync(HistoryEndpoints.TranscriptPath(Guid.NewGuid()), Cancel);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
