using System.Net;
using System.Net.Http.Headers;
using System.Threading.Channels;
using LibrarianDesk.Features.Audit;
using LibrarianDesk.Features.Conversations;
using LibrarianDesk.Features.IpBlocks;
using LibrarianDesk.Realtime;
using LibrarianDesk.Shared.Blocking;
using LibrarianDesk.Shared.Contracts;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static LibrarianDesk.Tests.Features.Attachments.AttachmentUploads;

namespace LibrarianDesk.Tests.Features.Attachments;

/// <summary>
/// Files in a chat end to end: the widget's upload over real HTTP, the message pushed over the patron's WebSocket and to
/// the desk, the download with its headers, and every refusal leaving nothing stored.
/// </summary>
public sealed class AttachmentEndpointTests(AttachmentEndpointTests.AttachmentDesk app) : IClassFixture<AttachmentEndpointTests.AttachmentDesk>
{
    /// <summary>Always open, one librarian Online, on a clock the tests move, behind a proxy on 127.0.0.1; files up to 200 KB.</summary>
    public sealed class AttachmentDesk : OpenDeskApp
    {
        public const int MaxBytes = 200_000;

        public AdjustableClock Clock { get; } = new(DateTimeOffset.UtcNow);

        protected override TimeProvider Time => Clock;

        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Desk:ServiceHours:AlwaysOpen"] = "true",
            ["Desk:ForwardedHeaders:KnownProxies:0"] = "127.0.0.1",
            ["Desk:Attachments:MaxBytes"] = MaxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static TheoryData<string, string, string, bool> AllowedKinds => new()
    {
        { "Jpeg", "foto.jpg", "image/jpeg", true },
        { "Png", "tangkapan layar.png", "image/png", true },
        { "WebP", "gambar.webp", "image/webp", true },
        { "Gif", "animasi.gif", "image/gif", true },
        { "Pdf", "daftar pustaka.pdf", "application/pdf", false },
        { "Text", "catatan.txt", "text/plain; charset=utf-8", false },
        { "Docx", "skripsi.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", false },
        { "Xlsx", "data.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", false },
        { "Pptx", "slide.pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation", false },
    };

    private static byte[] Sample(string kind) => kind switch
    {
        "Jpeg" => SampleFiles.Jpeg,
        "Png" => SampleFiles.Png,
        "WebP" => SampleFiles.WebP,
        "Gif" => SampleFiles.Gif,
        "Pdf" => SampleFiles.Pdf,
        "Text" => SampleFiles.Text,
        "Docx" => SampleFiles.Docx,
        "Xlsx" => SampleFiles.Xlsx,
        _ => SampleFiles.Pptx,
    };

    [Theory]
    [MemberData(nameof(AllowedKinds))]
    public async Task Each_allowed_kind_reaches_the_patron_and_the_desk_and_downloads_as_sent(string kind, string fileName, string contentType, bool isImage)
    {
        var content = Sample(kind);
        await using var patron = await PatronClient.ConnectAsync(app);
        var conversation = await patron.StartAsync();
        var deskLines = DeskLines(conversation.ConversationId, out var subscription);
        using var _ = subscription;
        using var http = app.CreateBrowserClient();

        var acknowledgement = await AcknowledgementAsync(await UploadAsync(http, conversation, fileName, content));

        acknowledgement.Sequence.Should().Be(2);
        acknowledgement.Attachment.Should().BeEquivalentTo(
            new AttachmentInfo(acknowledgement.Attachment.Id, fileName, contentType, content.Length, isImage, Removed: false));
        var pushed = await PatronClient.NextAsync(patron.Messages);
        pushed.Attachment.Should().Be(acknowledgement.Attachment);
        pushed.Text.Should().Be(fileName);
        pushed.Author.Should().Be(PatronMessage.FromPatron);
        var line = await PatronClient.NextAsync(deskLines);
        line.Message.Attachment!.Id.Should().Be(acknowledgement.Attachment.Id);
        line.Message.Text.Should().Be(fileName);

        using var download = await DownloadAsync(http, acknowledgement.Attachment.Id, conversation.PatronToken);
        download.StatusCode.Should().Be(HttpStatusCode.OK);
        (await download.Content.ReadAsByteArrayAsync(Cancel)).Should().Equal(content);
        download.Content.Headers.ContentType!.ToString().Should().Be(contentType);
        download.Content.Headers.ContentDisposition!.DispositionType.Should().Be(isImage ? "inline" : "attachment");
        download.Content.Headers.ContentDisposition.FileNameStar.Should().Be(fileName);
        download.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
        download.Headers.GetValues("Content-Security-Policy").Should().Equal("sandbox; default-src 'none'");
        download.Headers.CacheControl.Should().BeEquivalentTo(new CacheControlHeaderValue { Private = true, NoStore = true });

        var resumed = await patron.InvokeAsync<ResumeResponse>(PatronHubContract.Methods.Resume, new ResumeRequest(conversation.ConversationId, conversation.PatronToken, 1));
        resumed.Messages.Single().Attachment.Should().Be(acknowledgement.Attachment);
    }

    public static TheoryData<string, byte[]> Disguised => new()
    {
        { "halaman.png", SampleFiles.Html },
        { "gambar.svg", SampleFiles.Svg },
        { "gambar.png", SampleFiles.Svg },
        { "dokumen.pdf", SampleFiles.Exe },
        { "laporan.docx", SampleFiles.PlainZip },
        { "foto.pdf", SampleFiles.Png },
        { "kosong.txt", [] },
    };

    [Theory]
    [MemberData(nameof(Disguised))]
    public async Task A_disguised_or_empty_file_is_refused_with_a_sentence_and_nothing_is_stored(string fileName, byte[] content)
    {
        await using var patron = await PatronClient.ConnectAsync(app);
        var conversation = await patron.StartAsync();
        using var http = app.CreateBrowserClient();

        using var response = await UploadAsync(http, conversation, fileName, content, language: "en");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var (code, message) = await ErrorAsync(response);
        code.Should().Be("validation");
        message.Should().MatchRegex("^(This kind of file cannot be sent|The file name does not match|This file is empty)", "the patron chose English");
        await NothingStoredAsync(conversation.ConversationId);
    }

    [Fact]
    public async Task A_file_over_the_limit_is_refused_as_too_large_and_nothing_is_stored()
    {
        await using var patron = await PatronClient.ConnectAsync(app);
        var conversation = await patron.StartAsync();
        using var http = app.CreateBrowserClient();
        var justOver = Padded(SampleFiles.Text, AttachmentDesk.MaxBytes + 1);

        using var response = await UploadAsync(http, conversation, "catatan.txt", justOver);

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        var (code, message) = await ErrorAsync(response);
        code.Should().Be("too_large");
        message.Should().Contain("195,3\u00A0KB", "the sentence names the limit");
        await NothingStoredAsync(conversation.ConversationId);

        using var atTheLimit = await UploadAsync(http, conversation, "catatan.txt", Padded(SampleFiles.Text, AttachmentDesk.MaxBytes));
        atTheLimit.StatusCode.Should().Be(HttpStatusCode.OK, "a file of exactly the limit is taken");
    }

    [Fact]
    public async Task A_body_far_over_the_limit_is_refused_whether_its_length_is_declared_or_chunked()
    {
        await using var patron = await PatronClient.ConnectAsync(app);
        var conversation = await patron.StartAsync();
        using var http = app.CreateBrowserClient();
        var huge = Padded(SampleFiles.Text, AttachmentDesk.MaxBytes * 3);

        using var declared = await UploadAsync(http, conversation, "catatan.txt", huge);
        declared.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);

        // No Content-Length at all: the server counts what arrives and stops at the limit.
        using var chunkedRequest = new HttpRequestMessage(HttpMethod.Post, "/widget/attachments")
        {
            Content = new ChunkedContent(PatronForm(conversation.ConversationId, conversation.PatronToken, PatronClient.NewMessageId(), "catatan.txt", huge)),
        };
        using var chunked = await http.SendAsync(chunkedRequest, Cancel);
        (await chunked.Content.ReadAsStringAsync(Cancel)).Should().Contain("too_large");
        chunked.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await ErrorAsync(chunked)).Code.Should().Be("too_large");

        // A Content-Length claiming more than the limit is refused before a byte of the body is read.
        using var claimed = new HttpRequestMessage(HttpMethod.Post, "/widget/attachments")
        {
            Content = PatronForm(conversation.ConversationId, conversation.PatronToken, PatronClient.NewMessageId(), "catatan.txt", SampleFiles.Text),
        };
        await claimed.Content.LoadIntoBufferAsync(Cancel);
        var body = await claimed.Content.ReadAsByteArrayAsync(Cancel);
        using var lying = new HttpRequestMessage(HttpMethod.Post, "/widget/attachments") { Content = new LyingLengthContent(body, claimed.Content.Headers.ContentType!, AttachmentDesk.MaxBytes * 4L) };
        var lied = await SendOrResetAsync(http, lying);
        (lied is null or HttpStatusCode.RequestEntityTooLarge).Should().BeTrue($"a claimed length over the limit is refused (got {lied})");
        await NothingStoredAsync(conversation.ConversationId);
    }

    [Fact]
    public async Task The_sixth_file_in_a_minute_is_refused_and_taken_once_the_minute_has_passed()
    {
        await using var patron = await PatronClient.ConnectAsync(app);
        var conversation = await patron.StartAsync();
        using var http = app.CreateBrowserClient();
        for (var i = 0; i < 5; i++)
        {
            (await UploadAsync(http, conversation, $"foto-{i}.png", SampleFiles.Png)).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        using var sixth = await UploadAsync(http, conversation, "foto-5.png", SampleFiles.Png, language: "en");
        sixth.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        var (code, message) = await ErrorAsync(sixth);
        code.Should().Be("rate_limited");
        message.Should().Contain("At most 5 files a minute");
        sixth.Headers.RetryAfter.Should().NotBeNull();

        app.Clock.Set(app.Clock.GetUtcNow().AddMinutes(1).AddSeconds(1));
        (await UploadAsync(http, conversation, "foto-5.png", SampleFiles.Png)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await AttachmentMessagesAsync(conversation.ConversationId)).Should().Be(6);
    }

    [Fact]
    public async Task Ten_files_racing_into_one_conversation_store_at_most_five()
    {
        await using var patron = await PatronClient.ConnectAsync(app);
        var conversation = await patron.StartAsync();
        using var http = app.CreateBrowserClient();

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => UploadAsync(http, conversation, $"foto-{i}.png", SampleFiles.Png)));

        answers.Count(a => a.StatusCode == HttpStatusCode.OK).Should().BeLessThanOrEqualTo(5);
        answers.Should().OnlyContain(a => a.StatusCode == HttpStatusCode.OK || a.StatusCode == HttpStatusCode.TooManyRequests
            || a.StatusCode == HttpStatusCode.ServiceUnavailable);
        (await AttachmentMessagesAsync(conversation.ConversationId)).Should().Be(answers.Count(a => a.StatusCode == HttpStatusCode.OK));
        await using var db = app.CreateDbContext();
        (await db.AttachmentContents.CountAsync(c => c.ConversationId == conversation.ConversationId, Cancel))
            .Should().Be(answers.Count(a => a.StatusCode == HttpStatusCode.OK));
    }

    [Fact]
    public async Task Another_conversations_token_is_refused_on_upload_and_download_as_an_unknown_one_is()
    {
        await using var patron = await PatronClient.ConnectAsync(app);
        var mine = await patron.StartAsync();
        await using var stranger = await PatronClient.ConnectAsync(app);
        var theirs = await stranger.StartAsync();
        using var http = app.CreateBrowserClient();
        var sent = await AcknowledgementAsync(await UploadAsync(http, mine, "foto.png", SampleFiles.Png));

        using var upload = await UploadAsync(http, mine with { PatronToken = theirs.PatronToken }, "foto.png", SampleFiles.Png);
        upload.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await ErrorAsync(upload)).Code.Should().Be("forbidden");

        using var download = await DownloadAsync(http, sent.Attachment.Id, theirs.PatronToken);
        using var unknown = await DownloadAsync(http, Guid.NewGuid(), theirs.PatronToken);
        using var without = await DownloadAsync(http, sent.Attachment.Id, null);
        download.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        unknown.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        without.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await download.Content.ReadAsStringAsync(Cancel)).Should().Be(await unknown.Content.ReadAsStringAsync(Cancel), "nothing tells the two apart");
        (await AttachmentMessagesAsync(mine.ConversationId)).Should().Be(1);
    }

    [Fact]
    public async Task Written_messages_around_a_file_keep_their_numbers_and_carry_no_file()
    {
        await using var patron = await PatronClient.ConnectAsync(app);
        var conversation = await patron.StartAsync();
        using var http = app.CreateBrowserClient();

        var file = await AcknowledgementAsync(await UploadAsync(http, conversation, "foto.png", SampleFiles.Png));
        var text = await patron.InvokeAsync<MessageAcknowledgement>(PatronHubContract.Methods.SendMessage,
            new SendMessageRequest(conversation.ConversationId, conversation.PatronToken, PatronClient.NewMessageId(), "Ini fotonya, terima kasih."));

        file.Sequence.Should().Be(2);
        text.Sequence.Should().Be(3, "the chat writer numbers after the file");
        (await PatronClient.NextAsync(patron.Messages)).Attachment.Should().NotBeNull();
        (await PatronClient.NextAsync(patron.Messages)).Attachment.Should().BeNull();
        await using var db = app.CreateDbContext();
        var stored = await db.ChatMessages.AsNoTracking().Where(m => m.ConversationId == conversation.ConversationId).OrderBy(m => m.Sequence).ToListAsync(Cancel);
        stored.Select(m => (m.Sequence, m.Attachment is null)).Should().Equal((1, true), (2, false), (3, true));
        (await db.Conversations.SingleAsync(c => c.Id == conversation.ConversationId, Cancel)).LastSequence.Should().Be(3);
    }

    [Fact]
    public async Task A_retry_with_the_same_client_message_id_gets_the_same_answer_and_stores_one_message()
    {
        await using var patron = await PatronClient.ConnectAsync(app);
        var conversation = await patron.StartAsync();
        using var http = app.CreateBrowserClient();
        var id = PatronClient.NewMessageId();

        var first = await AcknowledgementAsync(await UploadAsync(http, conversation, "foto.png", SampleFiles.Png, id));
        var again = await AcknowledgementAsync(await UploadAsync(http, conversation, "foto.png", SampleFiles.Png, id));

        again.Should().BeEquivalentTo(first);
        (await AttachmentMessagesAsync(conversation.ConversationId)).Should().Be(1);
        await using var db = app.CreateDbContext();
        (await db.AttachmentContents.CountAsync(c => c.ConversationId == conversation.ConversationId, Cancel)).Should().Be(1);
    }

    [Fact]
    public async Task A_blocked_address_can_neither_upload_nor_download()
    {
        await using var patron = await PatronClient.ConnectAsync(app);
        var conversation = await patron.StartAsync();
        using var http = app.CreateBrowserClient();
        var sent = await AcknowledgementAsync(await UploadAsync(http, conversation, "foto.png", SampleFiles.Png));
        await app.Service<IpBlockService>().AddAsync(
            new AuditActor(null, "IT admin in a test"), new IpBlockDraft("192.0.2.77", "spam", BlockDuration.OneDay), null);

        using var upload = await UploadAsync(http, conversation, "foto.png", SampleFiles.Png, forwardedFor: "192.0.2.77");
        upload.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var (code, message) = await ErrorAsync(upload);
        code.Should().Be("blocked");
        message.Should().Contain("diblokir");

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/widget/attachments/{sent.Attachment.Id}");
        request.Headers.Add("X-Forwarded-For", "192.0.2.77");
        request.Headers.Add("X-Patron-Token", conversation.PatronToken);
        (await http.SendAsync(request, Cancel)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await AttachmentMessagesAsync(conversation.ConversationId)).Should().Be(1);
    }

    [Fact]
    public async Task A_photos_place_and_other_metadata_are_gone_from_what_is_stored_and_downloaded()
    {
        await using var patron = await PatronClient.ConnectAsync(app);
        var conversation = await patron.StartAsync();
        using var http = app.CreateBrowserClient();
        var photo = SampleFiles.JpegWithGps();
        Place(photo).Should().NotBeEmpty("the sample carries where it was taken");

        var sent = await AcknowledgementAsync(await UploadAsync(http, conversation, "foto.jpg", photo));
        using var download = await DownloadAsync(http, sent.Attachment.Id, conversation.PatronToken);
        var served = await download.Content.ReadAsByteArrayAsync(Cancel);

        Place(served).Should().BeEmpty("no GPS directory is left");
        LibrarianDesk.Tests.Attachments.SampleMetadata.Contains(served, LibrarianDesk.Tests.Attachments.SampleMetadata.CameraSecret).Should().BeFalse();
        served.Should().EndWith(SampleFiles.Jpeg[^15..], "the image data itself is untouched");
        sent.Attachment.Length.Should().Be(served.Length);
    }

    [Fact]
    public async Task The_owner_sends_a_file_from_the_desk_and_the_patron_receives_it()
    {
        await using var patron = await PatronClient.ConnectAsync(app);
        var conversation = await patron.StartAsync();
        await app.Service<LibrarianChat>().ClaimAsync(app.LibrarianId, conversation.ConversationId);
        using var librarian = app.CreateBrowserClient();
        await SignIn.AsAsync(librarian, OpenDeskApp.LibrarianEmail, DeskApp.StaffPassword);

        using var response = await StaffUploadAsync(librarian, conversation.ConversationId, "jadwal.pdf", SampleFiles.Pdf);
        var sent = await AcknowledgementAsync(response);

        var pushed = await PatronClient.NextAsync(patron.Messages);
        pushed.Author.Should().Be(PatronMessage.FromLibrarian);
        pushed.AuthorName.Should().Be("Sari Wulandari");
        pushed.Attachment.Should().Be(sent.Attachment);
        using var download = await DownloadAsync(app.CreateBrowserClient(), sent.Attachment.Id, conversation.PatronToken);
        (await download.Content.ReadAsByteArrayAsync(Cancel)).Should().Equal(SampleFiles.Pdf);

        using var staffCopy = await librarian.GetAsync($"/desk/attachments/{sent.Attachment.Id}", Cancel);
        staffCopy.StatusCode.Should().Be(HttpStatusCode.OK);
        staffCopy.Headers.GetValues("Content-Security-Policy").Should().Equal("sandbox; default-src 'none'");
        // The sign-in cookie's renewal may write its own no-store (and no-cache) over it: never kept either way.
        staffCopy.Headers.CacheControl!.NoStore.Should().BeTrue();
        (await staffCopy.Content.ReadAsByteArrayAsync(Cancel)).Should().Equal(SampleFiles.Pdf);
    }

    [Fact]
    public async Task The_staff_download_needs_a_sign_in_and_forces_a_download_when_asked()
    {
        await using var patron = await PatronClient.ConnectAsync(app);
        var conversation = await patron.StartAsync();
        using var http = app.CreateBrowserClient();
        var sent = await AcknowledgementAsync(await UploadAsync(http, conversation, "foto.png", SampleFiles.Png));

        using var anonymous = await http.GetAsync($"/desk/attachments/{sent.Attachment.Id}", Cancel);
        anonymous.StatusCode.Should().Be(HttpStatusCode.Redirect);
        SignIn.RedirectPath(anonymous).Should().StartWith("/Account/Login");

        using var librarian = app.CreateBrowserClient();
        await SignIn.AsAsync(librarian, OpenDeskApp.LibrarianEmail, DeskApp.StaffPassword);
        using var inline = await librarian.GetAsync($"/desk/attachments/{sent.Attachment.Id}", Cancel);
        inline.Content.Headers.ContentDisposition!.DispositionType.Should().Be("inline");
        using var forced = await librarian.GetAsync($"/desk/attachments/{sent.Attachment.Id}?download=true", Cancel);
        forced.Content.Headers.ContentDisposition!.DispositionType.Should().Be("attachment");
        (await librarian.GetAsync($"/desk/attachments/{Guid.NewGuid()}", Cancel)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_librarian_who_does_not_serve_the_conversation_is_refused_and_nothing_is_stored()
    {
        await using var patron = await PatronClient.ConnectAsync(app);
        var conversation = await patron.StartAsync();
        using var librarian = app.CreateBrowserClient();
        await SignIn.AsAsync(librarian, OpenDeskApp.LibrarianEmail, DeskApp.StaffPassword);

        using var waiting = await StaffUploadAsync(librarian, conversation.ConversationId, "jadwal.pdf", SampleFiles.Pdf);
        waiting.StatusCode.Should().Be(HttpStatusCode.Conflict, "a waiting conversation is claimed first");

        await app.Service<LibrarianChat>().ClaimAsync(app.LibrarianId, conversation.ConversationId);
        using var colleague = await SignIn.NewClientWithRoleAsync(app, LibrarianDesk.Shared.Staff.DeskRoles.Librarian);
        using var notTheirs = await StaffUploadAsync(colleague, conversation.ConversationId, "jadwal.pdf", SampleFiles.Pdf);
        notTheirs.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var (code, message) = await ErrorAsync(notTheirs);
        code.Should().Be("not_owner");
        message.Should().Contain("percakapan aktif yang Anda layani");

        using var withoutToken = new HttpRequestMessage(HttpMethod.Post, $"/desk/conversations/{conversation.ConversationId}/attachments")
        {
            Content = StaffForm("jadwal.pdf", SampleFiles.Pdf),
        };
        (await librarian.SendAsync(withoutToken, Cancel)).StatusCode.Should().Be(HttpStatusCode.BadRequest, "the antiforgery token is required");
        await NothingStoredAsync(conversation.ConversationId);
    }

    private static async Task<HttpResponseMessage> StaffUploadAsync(HttpClient librarian, Guid conversationId, string fileName, byte[] content)
    {
        var token = SignIn.AntiforgeryToken(await librarian.GetStringAsync("/Account/ChangePassword", Cancel));
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/desk/conversations/{conversationId}/attachments")
        {
            Content = StaffForm(fileName, content),
        };
        request.Headers.Add("RequestVerificationToken", token);
        return await librarian.SendAsync(request, Cancel);
    }

    private static MultipartFormDataContent StaffForm(string fileName, byte[] content) => new()
    {
        { new StringContent(PatronClient.NewMessageId()), "clientMessageId" },
        { FilePart(content), "file", fileName },
    };

    private Channel<TranscriptLine> DeskLines(Guid conversationId, out IDisposable subscription)
    {
        var lines = Channel.CreateUnbounded<TranscriptLine>();
        subscription = app.Service<DeskNotifier>().Subscribe<ConversationMessageAdded>(e =>
        {
            if (e.ConversationId == conversationId)
            {
                lines.Writer.TryWrite(e.Line);
            }

            return Task.CompletedTask;
        });
        return lines;
    }

    private static List<MetadataExtractor.Formats.Exif.GpsDirectory> Place(byte[] jpeg) =>
        MetadataExtractor.ImageMetadataReader.ReadMetadata(new MemoryStream(jpeg)).OfType<MetadataExtractor.Formats.Exif.GpsDirectory>().ToList();

    private async Task<int> AttachmentMessagesAsync(Guid conversationId)
    {
        await using var db = app.CreateDbContext();
        return await db.ChatMessages.CountAsync(m => m.ConversationId == conversationId && m.Attachment != null, Cancel);
    }

    private async Task NothingStoredAsync(Guid conversationId)
    {
        await using var db = app.CreateDbContext();
        (await db.ChatMessages.CountAsync(m => m.ConversationId == conversationId, Cancel)).Should().Be(1, "only the patron's first message");
        (await db.AttachmentContents.CountAsync(c => c.ConversationId == conversationId, Cancel)).Should().Be(0);
    }

    private static byte[] Padded(byte[] start, int length) =>
        [.. start, .. Enumerable.Repeat((byte)'a', length - start.Length)];

    /// <summary>The status, or null when the server closed the connection before answering (also a refusal).</summary>
    private static async Task<HttpStatusCode?> SendOrResetAsync(HttpClient client, HttpRequestMessage request)
    {
        try
        {
            using var response = await client.SendAsync(request, Cancel);
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    /// <summary>The same body sent without a length: chunked transfer encoding.</summary>
    private sealed class ChunkedContent : HttpContent
    {
        private readonly HttpContent inner;

        public ChunkedContent(HttpContent inner)
        {
            this.inner = inner;
            Headers.ContentType = inner.Headers.ContentType;
        }

        protected override void SerializeToStream(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
            inner.CopyTo(stream, context, cancellationToken);

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => inner.CopyToAsync(stream, context);

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            inner.Dispose();
            base.Dispose(disposing);
        }
    }

    /// <summary>A short body whose Content-Length claims <paramref name="claimed"/> bytes.</summary>
    private sealed class LyingLengthContent : ByteArrayContent
    {
        public LyingLengthContent(byte[] body, System.Net.Http.Headers.MediaTypeHeaderValue type, long claimed)
            : base(body)
        {
            Headers.ContentType = type;
            Headers.ContentLength = claimed;
        }
    }
}
