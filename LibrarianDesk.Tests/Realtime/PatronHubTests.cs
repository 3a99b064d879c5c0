using LibrarianDesk.Features.Conversations;
using LibrarianDesk.Shared.Contracts;
using LibrarianDesk.Shared.Conversations;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Tests.Realtime;

public sealed class PatronHubTests(OpenDeskApp app) : IClassFixture<OpenDeskApp>
{
    private LibrarianChat Chat => app.Service<LibrarianChat>();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private async Task<List<ChatMessage>> StoredMessagesAsync(Guid conversationId)
    {
        await using var db = app.CreateDbContext();
        return await db.ChatMessages.Where(m => m.ConversationId == conversationId).OrderBy(m => m.Sequence).ToListAsync(Cancel);
    }

    [Fact]
    public async Task Hello_tells_an_open_desk_its_question_types_in_the_patrons_language_and_the_limits()
    {
        await using var indonesian = await PatronClient.ConnectAsync(app);
        indonesian.Hello.Status.Should().BeEquivalentTo(new { IsOpen = true, State = DeskStatusInfo.Open });
        indonesian.Hello.Status.LibrariansOnline.Should().BeGreaterThanOrEqualTo(1);
        indonesian.Hello.QuestionTypes.Select(q => q.Name).Should().Contain("Bantuan penelusuran literatur/informasi/data (Online)");
        indonesian.Hello.Limits.Should().Be(new MessageLimits(2000, 100, 10 * 1024 * 1024), "the widget refuses a larger file before sending it");

        await using var english = await PatronClient.ConnectAsync(app, "en");
        english.Hello.QuestionTypes.Select(q => q.Name).Should().Contain("Help searching literature / information / data (online)");
    }

    [Fact]
    public async Task A_patron_chats_with_a_librarian_then_ends_and_rates_the_conversation()
    {
        await using var patron = await PatronClient.ConnectAsync(app);
        var started = await patron.StartAsync("Apakah ada koleksi peta Batavia abad ke-18?");
        started.FirstMessage.Should().BeEquivalentTo(new { Sequence = 1, Author = PatronMessage.FromPatron, Text = "Apakah ada koleksi peta Batavia abad ke-18?" });
        started.PatronToken.Length.Should().BeGreaterThanOrEqualTo(43, "256 random bits, base64url");

        await Chat.ReplyAsync(app.LibrarianId, started.ConversationId, "Ada, di koleksi peta lantai 21.");

        (await PatronClient.NextAsync(patron.Claims)).LibrarianName.Should().Be("Sari Wulandari");
        var reply = await PatronClient.NextAsync(patron.Messages);
        reply.Should().BeEquivalentTo(new { Sequence = 2, Author = PatronMessage.FromLibrarian, AuthorName = "Sari Wulandari", Text = "Ada, di koleksi peta lantai 21." });

        var ack = await patron.InvokeAsync<MessageAcknowledgement>(PatronHubContract.Methods.SendMessage,
            new SendMessageRequest(started.ConversationId, started.PatronToken, PatronClient.NewMessageId(), "Terima kasih!"));
        ack.Sequence.Should().Be(3);
        (await PatronClient.NextAsync(patron.Messages)).Sequence.Should().Be(3, "the patron's other tabs see their own message too");

        await patron.InvokeAsync(PatronHubContract.Methods.EndConversation, new ConversationKey(started.ConversationId, started.PatronToken));
        (await PatronClient.NextAsync(patron.Closings)).Reason.Should().Be(ConversationClosedNotice.EndedByPatron);

        await patron.InvokeAsync(PatronHubContract.Methods.RateConversation,
            new RateConversationRequest(started.ConversationId, started.PatronToken, 5, "Sangat membantu"));
        await patron.InvokeAsync(PatronHubContract.Methods.RequestTranscript,
            new TranscriptRequest(started.ConversationId, started.PatronToken, "siti@contoh.id"));

        await using var db = app.CreateDbContext();
        var stored = await db.Conversations.SingleAsync(c => c.Id == started.ConversationId, Cancel);
        stored.Should().BeEquivalentTo(new
        {
            Status = ConversationStatus.Closed, OwnerId = app.LibrarianId, Rating = 5, RatingComment = "Sangat membantu",
            TranscriptEmail = "siti@contoh.id", EndedByPatron = true, Language = "id",
        });
        stored.PatronTokenHash.Should().NotBe(started.PatronToken, "only a hash of the token is stored");
        (await StoredMessagesAsync(started.ConversationId)).Select(m => m.Sequence).Should().Equal(1, 2, 3);
    }

    [Fact]
    public async Task Resume_after_a_dropped_connection_returns_exactly_the_missed_messages()
    {
        var patron = await PatronClient.ConnectAsync(app);
        var started = await patron.StartAsync();
        await patron.DisposeAsync();

        await Chat.ReplyAsync(app.LibrarianId, started.ConversationId, "Selamat siang, saya bantu cek.");
        await Chat.ReplyAsync(app.LibrarianId, started.ConversationId, "Koleksinya tersedia.");

        await using var again = await PatronClient.ConnectAsync(app);
        var resumed = await again.InvokeAsync<ResumeResponse>(PatronHubContract.Methods.Resume,
            new ResumeRequest(started.ConversationId, started.PatronToken, AfterSequence: 1));

        resumed.Status.Should().Be("active");
        resumed.LibrarianName.Should().Be("Sari Wulandari");
        resumed.Messages.Select(m => (m.Sequence, m.Text)).Should().Equal((2, "Selamat siang, saya bantu cek."), (3, "Koleksinya tersedia."));

        await Chat.ReplyAsync(app.LibrarianId, started.ConversationId, "Ada lagi yang bisa dibantu?");
        (await PatronClient.NextAsync(again.Messages)).Sequence.Should().Be(4, "a resumed connection follows the conversation again");
    }

    [Fact]
    public async Task A_resend_with_the_same_client_message_id_returns_the_first_acknowledgement_and_stores_nothing_new()
    {
        await using var patron = await PatronClient.ConnectAsync(app);
        var started = await patron.StartAsync();
        var request = new SendMessageRequest(started.ConversationId, started.PatronToken, PatronClient.NewMessageId(), "Halo?");

        var first = await patron.InvokeAsync<MessageAcknowledgement>(PatronHubContract.Methods.SendMessage, request);
        var again = await patron.InvokeAsync<MessageAcknowledgement>(PatronHubContract.Methods.SendMessage, request);

        again.Should().Be(first);
        (await StoredMessagesAsync(started.ConversationId)).Should().HaveCount(2);
    }

    [Fact]
    public async Task Concurrent_patron_messages_and_librarian_replies_get_gapless_sequence_numbers()
    {
        await using var patron = await PatronClient.ConnectAsync(app);
        var started = await patron.StartAsync();
        await Chat.ReplyAsync(app.LibrarianId, started.ConversationId, "Siap membantu.");

        var patronSends = Enumerable.Range(0, 15).Select(i => patron.InvokeAsync<MessageAcknowledgement>(PatronHubContract.Methods.SendMessage,
            new SendMessageRequest(started.ConversationId, started.PatronToken, PatronClient.NewMessageId(), $"patron {i}")));
        var replies = Enumerable.Range(0, 15).Select(i => Chat.ReplyAsync(app.LibrarianId, started.ConversationId, $"librarian {i}"));
        await Task.WhenAll(patronSends.Cast<Task>().Concat(replies));

        (await StoredMessagesAsync(started.ConversationId)).Select(m => m.Sequence).Should().Equal(Enumerable.Range(1, 32));
    }

    [Fact]
    public async Task In_a_burst_from_many_patrons_every_message_is_stored_in_order_and_a_bad_one_is_refused_alone()
    {
        // Messages arriving together are committed together; one refused message must not take the others with it.
        var patrons = new List<PatronClient>();
        try
        {
            for (var i = 0; i < 6; i++)
            {
                patrons.Add(await PatronClient.ConnectAsync(app));
            }

            var started = new List<StartConversationResponse>();
            foreach (var patron in patrons)
            {
                started.Add(await patron.StartAsync());
            }

            var ended = started[5];
            await patrons[5].InvokeAsync(PatronHubContract.Methods.EndConversation, new ConversationKey(ended.ConversationId, ended.PatronToken));
            var resend = new SendMessageRequest(started[0].ConversationId, started[0].PatronToken, PatronClient.NewMessageId(), "Dua kali terkirim?");

            var sends = Enumerable.Range(0, 5).SelectMany(p => Enumerable.Range(0, 8).Select(i =>
                patrons[p].InvokeAsync<MessageAcknowledgement>(PatronHubContract.Methods.SendMessage,
                    new SendMessageRequest(started[p].ConversationId, started[p].PatronToken, PatronClient.NewMessageId(), $"pesan {i} dari {p}")))).ToList();
            var resent = new[] { resend, resend }.Select(r => patrons[0].InvokeAsync<MessageAcknowledgement>(PatronHubContract.Methods.SendMessage, r)).ToList();
            var wrongToken = patrons[1].InvokeAsync<MessageAcknowledgement>(PatronHubContract.Methods.SendMessage,
                new SendMessageRequest(started[1].ConversationId, "bukan-token", PatronClient.NewMessageId(), "Halo"));
            var toEnded = patrons[5].InvokeAsync<MessageAcknowledgement>(PatronHubContract.Methods.SendMessage,
                new SendMessageRequest(ended.ConversationId, ended.PatronToken, PatronClient.NewMessageId(), "Masih di sana?"));

            var acknowledged = await Task.WhenAll(sends);
            var resentAcknowledgements = await Task.WhenAll(resent);
            (await wrongToken.Invoking(t => t).Should().ThrowAsync<HubException>()).Which.Error().Should().Contain("forbidden: ");
            (await toEnded.Invoking(t => t).Should().ThrowAsync<HubException>()).Which.Error().Should().Contain("closed: ");

            acknowledged.Should().HaveCount(40);
            resentAcknowledgements[1].Should().Be(resentAcknowledgements[0], "the same client message id is one message");
            for (var p = 0; p < 5; p++)
            {
                var stored = await StoredMessagesAsync(started[p].ConversationId);
                var expected = p == 0 ? 10 : 9;
                stored.Select(m => m.Sequence).Should().Equal(Enumerable.Range(1, expected), "conversation {0} has no gaps", p);
                stored.Skip(1).Where(m => m.Text.StartsWith("pesan", StringComparison.Ordinal)).Select(m => m.Text)
                    .Should().Equal(Enumerable.Range(0, 8).Select(i => $"pesan {i} dari {p}"), "one patron's messages keep the order they were sent in");
            }

            (await StoredMessagesAsync(started[1].ConversationId)).Should().NotContain(m => m.Text == "Halo");
            (await StoredMessagesAsync(ended.ConversationId)).Should().NotContain(m => m.Text == "Masih di sana?");
        }
        finally
        {
            foreach (var patron in patrons)
            {
                await patron.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_wrong_token_or_an_unknown_conversation_is_forbidden_and_reveals_nothing()
    {
        await using var patron = await PatronClient.ConnectAsync(app);
        var started = await patron.StartAsync();

        var wrongToken = () => patron.InvokeAsync<ResumeResponse>(PatronHubContract.Methods.Resume,
            new ResumeRequest(started.ConversationId, "not-the-token", 0));
        var unknown = () => patron.InvokeAsync<MessageAcknowledgement>(PatronHubContract.Methods.SendMessage,
            new SendMessageRequest(Guid.NewGuid(), started.PatronToken, PatronClient.NewMessageId(), "Halo"));

        var first = PatronClient.ErrorOf((await wrongToken.Should().ThrowAsync<HubException>()).Which);
        var second = PatronClient.ErrorOf((await unknown.Should().ThrowAsync<HubException>()).Which);
        first.Should().Contain("forbidden: ").And.Contain("tidak dapat dibuka");
        second.Should().Be(first, "an unknown id and a wrong token must look the same");
    }

    [Theory]
    [InlineData("", "siti@contoh.id", "Halo", "Isi nama Anda.")]
    [InlineData("Siti", "bukan-email", "Halo", "Isi alamat email yang valid")]
    [InlineData("Siti", "siti@contoh.id\r\nBcc: x@y.id", "Halo", "Isi alamat email yang valid")]
    [InlineData("Siti", "siti@contoh.id", "   ", "Tulis pesan Anda terlebih dahulu.")]
    public async Task Bad_pre_chat_input_is_refused_with_a_sentence_the_patron_understands(string name, string email, string text, string expected)
    {
        await using var patron = await PatronClient.ConnectAsync(app);
        var start = () => patron.InvokeAsync<StartConversationResponse>(PatronHubContract.Methods.StartConversation,
            new StartConversationRequest(name, email, null, patron.Hello.QuestionTypes[0].Id, text, PatronClient.NewMessageId()));

        (await start.Should().ThrowAsync<HubException>()).Which.Error().Should().Contain("validation: ").And.Contain(expected);
    }

    [Fact]
    public async Task Limits_on_names_messages_and_question_types_are_enforced_in_the_patrons_language()
    {
        await using var patron = await PatronClient.ConnectAsync(app, "en");
        var typeId = patron.Hello.QuestionTypes[0].Id;
        Task Start(string name, int questionType, string text) => patron.InvokeAsync<StartConversationResponse>(
            PatronHubContract.Methods.StartConversation,
            new StartConversationRequest(name, "a@contoh.id", null, questionType, text, PatronClient.NewMessageId()));

        (await FluentActions.Awaiting(() => Start(new string('n', 101), typeId, "Hi")).Should().ThrowAsync<HubException>())
            .Which.Error().Should().Contain("validation: The name is too long (100 characters at most).");
        (await FluentActions.Awaiting(() => Start("Ann", 9999, "Hi")).Should().ThrowAsync<HubException>())
            .Which.Error().Should().Contain("validation: Choose a question type from the list.");
        (await FluentActions.Awaiting(() => Start("Ann", typeId, new string('x', 2001))).Should().ThrowAsync<HubException>())
            .Which.Error().Should().Contain("validation: The message is too long (2000 characters at most).");

        var exactlyTwoThousand = await patron.InvokeAsync<StartConversationResponse>(PatronHubContract.Methods.StartConversation,
            new StartConversationRequest("Ann", "a@contoh.id", null, typeId, new string('x', 2000), PatronClient.NewMessageId()));
        exactlyTwoThousand.FirstMessage.Text.Should().HaveLength(2000);
    }

    [Fact]
    public async Task Markup_in_a_name_or_message_is_stored_and_returned_verbatim()
    {
        await using var patron = await PatronClient.ConnectAsync(app);
        var started = await patron.StartAsync("<script>alert('x')</script> & <b>tebal</b>", "<img src=x onerror=alert(1)>");

        started.FirstMessage.Text.Should().Be("<script>alert('x')</script> & <b>tebal</b>");
        await using var db = app.CreateDbContext();
        (await db.Conversations.SingleAsync(c => c.Id == started.ConversationId, Cancel)).PatronName.Should().Be("<img src=x onerror=alert(1)>");
    }

    [Fact]
    public async Task Sending_to_an_ended_conversation_is_refused_as_closed()
    {
        await using var patron = await PatronClient.ConnectAsync(app);
        var started = await patron.StartAsync();
        await patron.InvokeAsync(PatronHubContract.Methods.EndConversation, new ConversationKey(started.ConversationId, started.PatronToken));

        var send = () => patron.InvokeAsync<MessageAcknowledgement>(PatronHubContract.Methods.SendMessage,
            new SendMessageRequest(started.ConversationId, started.PatronToken, PatronClient.NewMessageId(), "Masih di sana?"));
        (await send.Should().ThrowAsync<HubException>()).Which.Error().Should().Contain("closed: Percakapan ini sudah selesai.");

        await using var db = app.CreateDbContext();
        (await db.Conversations.SingleAsync(c => c.Id == started.ConversationId, Cancel)).Status
            .Should().Be(ConversationStatus.Missed, "nobody replied before the patron left");
    }

    [Fact]
    public async Task A_rating_is_refused_while_the_conversation_is_open_and_outside_one_to_five()
    {
        await using var patron = await PatronClient.ConnectAsync(app);
        var started = await patron.StartAsync();
        var rateNow = () => patron.InvokeAsync(PatronHubContract.Methods.RateConversation,
            new RateConversationRequest(started.ConversationId, started.PatronToken, 5, null));
        (await rateNow.Should().ThrowAsync<HubException>()).Which.Error().Should().StartWith("validation:");

        await patron.InvokeAsync(PatronHubContract.Methods.EndConversation, new ConversationKey(started.ConversationId, started.PatronToken));
        var rateSix = () => patron.InvokeAsync(PatronHubContract.Methods.RateConversation,
            new RateConversationRequest(started.ConversationId, started.PatronToken, 6, null));
        (await rateSix.Should().ThrowAsync<HubException>()).Which.Error().Should().Contain("Pilih nilai 1 sampai 5.");
    }

    [Fact]
    public async Task The_FAQ_search_finds_answers_in_the_patrons_language()
    {
        await using var indonesian = await PatronClient.ConnectAsync(app);
        var found = await indonesian.Connection.InvokeAsync<List<FaqAnswer>>(PatronHubContract.Methods.SearchFaq, "iPusnas", Cancel);
        found.Should().ContainSingle().Which.Question.Should().Be("Bagaimana cara meminjam buku digital di iPusnas?");

        await using var english = await PatronClient.ConnectAsync(app, "en");
        var all = await english.Connection.InvokeAsync<List<FaqAnswer>>(PatronHubContract.Methods.SearchFaq, "", Cancel);
        all.Should().HaveCountGreaterThanOrEqualTo(4).And.Contain(f => f.Question == "How do I become a library member?");
        (await english.Connection.InvokeAsync<List<FaqAnswer>>(PatronHubContract.Methods.SearchFaq, "100%_", Cancel)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_flood_of_invocations_from_one_connection_is_rate_limited_with_a_retry_time()
    {
        await using var patron = await PatronClient.ConnectAsync(app);
        var calls = Enumerable.Range(0, 60).Select(_ => patron.Connection.InvokeAsync<List<FaqAnswer>>(PatronHubContract.Methods.SearchFaq, "buku", Cancel));

        var outcomes = await Task.WhenAll(calls.Select(async call =>
        {
            try
            {
                await call;
                return null;
            }
            catch (HubException refused)
            {
                return PatronClient.ErrorOf(refused);
            }
        }));

        outcomes.Should().Contain(m => m != null && m.Contains("rate_limited: Terlalu banyak permintaan", StringComparison.Ordinal) && m.Contains("detik", StringComparison.Ordinal));
        outcomes.Count(m => m == null).Should().BeGreaterThanOrEqualTo(25, "a burst of about 30 (Hello took one) is served");
    }
}
