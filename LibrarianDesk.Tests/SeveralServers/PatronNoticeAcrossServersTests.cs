using System.Collections.Concurrent;
using LibrarianDesk.Features.Audit;
using LibrarianDesk.Features.Conversations;
using LibrarianDesk.Features.Privacy;
using LibrarianDesk.Shared.Contracts;
using LibrarianDesk.Tests.Infrastructure;

namespace LibrarianDesk.Tests.SeveralServers;

/// <summary>A supervisor on one server turns typing previews off; the hub on the other server, which had the switch cached, drops drafts.</summary>
public sealed class PatronNoticeAcrossServersTests(TwoServerDesk desk) : IClassFixture<TwoServerDesk>
{
    [Fact]
    public async Task Previews_turned_off_on_server_B_stop_the_drafts_of_a_patron_on_server_A()
    {
        await TwoServerDesk.RequireAsync();
        await using var patron = await PatronClient.ConnectAsync(desk.A);
        patron.Hello.Privacy!.TypingPreviews.Should().BeTrue("server A read the switch, and keeps it cached");
        var started = await patron.StartAsync("Apakah ada koleksi peta Batavia?");
        var heard = new ConcurrentQueue<object>();
        using var typing = desk.B.Notifier.Subscribe<PatronTyping>(e =>
        {
            if (e.ConversationId == started.ConversationId) heard.Enqueue(e);
            return Task.CompletedTask;
        });
        using var lines = desk.B.Notifier.Subscribe<ConversationMessageAdded>(e =>
        {
            if (e.ConversationId == started.ConversationId) heard.Enqueue(e);
            return Task.CompletedTask;
        });

        (await desk.B.Service<PatronNoticeStore>().SaveAsync(new AuditActor(null, "Supervisor on B"), PatronNotice.Default with { TypingPreviews = false }))
            .Should().BeEmpty();
        await Eventually.TrueAsync(async () => !(await desk.A.Service<PatronNoticeStore>().GetAsync()).TypingPreviews,
            "server A drops its copy when it hears the change from B");

        await patron.InvokeAsync(PatronHubContract.Methods.Typing, new TypingRequest(started.ConversationId, started.PatronToken, "Nomor anggota saya 12345"));
        await patron.InvokeAsync<MessageAcknowledgement>(PatronHubContract.Methods.SendMessage,
            new SendMessageRequest(started.ConversationId, started.PatronToken, PatronClient.NewMessageId(), "Untuk tahun 1740-an."));

        await Eventually.TrueAsync(() => heard.OfType<ConversationMessageAdded>().Any(), "the librarian's server hears the message");
        heard.OfType<PatronTyping>().Should().BeEmpty("server A's hub dropped the draft");
    }
}
