using System.Collections.Concurrent;
using LibrarianDesk.Features.Audit;
using LibrarianDesk.Features.Conversations;
using LibrarianDesk.Features.Privacy;
using LibrarianDesk.Realtime;
using LibrarianDesk.Shared.Contracts;
using LibrarianDesk.Tests.Infrastructure;

namespace LibrarianDesk.Tests.Features.Privacy;

/// <summary>The notice reaches patrons in Hello, and the typing-preview switch is kept by the hub, whatever the client sends.</summary>
public sealed class TypingPreviewTests(OpenDeskApp app) : IClassFixture<OpenDeskApp>
{
    private static readonly AuditActor Supervisor = new(null, "Supervisor in a test");

    private PatronNoticeStore Store => app.Service<PatronNoticeStore>();

    private async Task SaveAsync(PatronNotice notice) => (await Store.SaveAsync(Supervisor, notice)).Should().BeEmpty();

    /// <summary>Every draft and line the librarians' side hears of one conversation, in the order it heard them.</summary>
    private IDisposable Heard(Func<Guid> conversation, ConcurrentQueue<object> heard)
    {
        var notifier = app.Service<DeskNotifier>();
        var typing = notifier.Subscribe<PatronTyping>(e =>
        {
            if (e.ConversationId == conversation()) heard.Enqueue(e);
            return Task.CompletedTask;
        });
        var lines = notifier.Subscribe<ConversationMessageAdded>(e =>
        {
            if (e.ConversationId == conversation()) heard.Enqueue(e);
            return Task.CompletedTask;
        });
        return new Both(typing, lines);
    }

    private static async Task TypeThenSendAsync(PatronClient patron, StartConversationResponse started, string draft, string message)
    {
        await patron.InvokeAsync(PatronHubContract.Methods.Typing, new TypingRequest(started.ConversationId, started.PatronToken, draft));
        await patron.InvokeAsync<MessageAcknowledgement>(PatronHubContract.Methods.SendMessage,
            new SendMessageRequest(started.ConversationId, started.PatronToken, PatronClient.NewMessageId(), message));
    }

    [Fact]
    public async Task Hello_carries_the_notice_in_the_patrons_language_and_whether_librarians_see_drafts()
    {
        await SaveAsync(new PatronNotice("https://perpustakaan.example/privasi", "Percakapan disimpan 24 bulan.", "Conversations are kept for 24 months.", TypingPreviews: false));

        await using var indonesian = await PatronClient.ConnectAsync(app);
        indonesian.Hello.Privacy.Should().Be(new PatronPrivacyNotice("Percakapan disimpan 24 bulan.", "https://perpustakaan.example/privasi", TypingPreviews: false));
        await using var english = await PatronClient.ConnectAsync(app, "en");
        english.Hello.Privacy.Should().Be(new PatronPrivacyNotice("Conversations are kept for 24 months.", "https://perpustakaan.example/privasi", TypingPreviews: false));

        await SaveAsync(new PatronNotice(null, "Percakapan disimpan 24 bulan.", null, TypingPreviews: true));
        await using var englishWithoutItsText = await PatronClient.ConnectAsync(app, "en");
        englishWithoutItsText.Hello.Privacy.Should().Be(new PatronPrivacyNotice("Percakapan disimpan 24 bulan.", null, TypingPreviews: true),
            "a notice in the other language beats none");
    }

    [Fact]
    public async Task With_previews_off_a_draft_reaches_no_librarian_while_the_next_message_does()
    {
        await SaveAsync(PatronNotice.Default with { TypingPreviews = false });
        await using var patron = await PatronClient.ConnectAsync(app);
        var started = await patron.StartAsync("Apakah ada koleksi peta Batavia?");
        var heard = new ConcurrentQueue<object>();
        using var listening = Heard(() => started.ConversationId, heard);

        await TypeThenSendAsync(patron, started, "Nomor anggota saya 12345 dan", "Untuk tahun 1740-an.");

        await Eventually.TrueAsync(() => heard.OfType<ConversationMessageAdded>().Any(), "the message sent after the draft reaches the desk");
        heard.OfType<PatronTyping>().Should().BeEmpty("with previews off the hub drops every draft, and the patron's typing with it");
    }

    [Fact]
    public async Task With_previews_on_the_librarian_sees_the_draft_before_the_message()
    {
        await SaveAsync(PatronNotice.Default);
        await using var patron = await PatronClient.ConnectAsync(app);
        var started = await patron.StartAsync("Apakah ada koleksi peta Batavia?");
        var heard = new ConcurrentQueue<object>();
        using var listening = Heard(() => started.ConversationId, heard);

        await TypeThenSendAsync(patron, started, "Untuk tahun 17", "Untuk tahun 1740-an.");

        await Eventually.TrueAsync(() => heard.OfType<ConversationMessageAdded>().Any(), "the message reaches the desk");
        heard.First().Should().BeOfType<PatronTyping>().Which.Draft.Should().Be("Untuk tahun 17");
    }

    [Fact]
    public async Task Turning_previews_off_stops_drafts_of_a_patron_already_connected()
    {
        await SaveAsync(PatronNotice.Default);
        await using var patron = await PatronClient.ConnectAsync(app);
        patron.Hello.Privacy!.TypingPreviews.Should().BeTrue();
        var started = await patron.StartAsync("Apakah ada koleksi peta Batavia?");
        var heard = new ConcurrentQueue<object>();
        using var listening = Heard(() => started.ConversationId, heard);

        await SaveAsync(PatronNotice.Default with { TypingPreviews = false });
        await TypeThenSendAsync(patron, started, "Nomor anggota saya 12345", "Untuk tahun 1740-an.");

        await Eventually.TrueAsync(() => heard.OfType<ConversationMessageAdded>().Any(), "the message reaches the desk");
        heard.OfType<PatronTyping>().Should().BeEmpty("the switch counts from the next call, without the widget reloading");
    }

    private sealed class Both(IDisposable first, IDisposable second) : IDisposable
    {
        public void Dispose()
        {
            first.Dispose();
            second.Dispose();
        }
    }
}
