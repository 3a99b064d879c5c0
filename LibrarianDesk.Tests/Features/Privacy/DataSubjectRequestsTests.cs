using System.IO.Compression;
using System.Text.Json;
using LibrarianDesk.Features.Attachments;
using LibrarianDesk.Features.Audit;
using LibrarianDesk.Features.Conversations;
using LibrarianDesk.Features.Members;
using LibrarianDesk.Features.OfflineMessages;
using LibrarianDesk.Features.Accounts;
using LibrarianDesk.Features.Privacy;
using LibrarianDesk.Resources;
using LibrarianDesk.Shared.Auditing;
using LibrarianDesk.Shared.Contracts;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace LibrarianDesk.Tests.Features.Privacy;

/// <summary>Data-subject requests on a running desk, every row made through the desk's own services; a real supervisor asks.</summary>
public sealed class DataSubjectRequestsTests(OpenDeskApp app) : IClassFixture<OpenDeskApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private DataSubjectRequests Requests => app.Service<DataSubjectRequests>();

    private Task<AuditActor> SupervisorAsync() => StaffAccounts.ActorAsync(app, "Hendra Gunawan", DeskRoles.Supervisor);

    /// <summary>An address no other test uses; its twin differs by one letter before the @, the similar email of another patron.</summary>
    private static string Email(string prefix) => $"{prefix}{Guid.NewGuid().ToString("N")[..8]}@contoh.id";

    /// <summary>A chat the patron started, a librarian answered by name and closed.</summary>
    private async Task<Guid> ClosedChatAsync(string name, string email, string? memberNumber, string question, (string Name, byte[] Content)? file = null)
    {
        var questionType = (await app.Service<QuestionTypeCatalog>().ActiveAsync(Cancel))[0].Id;
        var started = (await app.Service<PatronChat>().StartAsync(
            new StartConversationRequest(name, email, memberNumber, questionType, question, PatronClient.NewMessageId(), "https://perpusnas.go.id/", "visitor-dsr"),
            "id", "203.0.113.7")).Response;
        if (file is { } sent)
        {
            await app.Service<ChatAttachments>().SendFromPatronAsync(started.ConversationId, started.PatronToken, PatronClient.NewMessageId(), sent.Name, sent.Content);
        }

        var librarian = app.Service<LibrarianChat>();
        await librarian.ReplyAsync(app.LibrarianId, started.ConversationId, $"Halo {name}, kami balas ke {email}");
        await librarian.CloseByLibrarianAsync(app.LibrarianId, started.ConversationId, questionType, 2, ["dsr"]);
        return started.ConversationId;
    }

    private async Task<Guid> OfflineAsync(string name, string email, string text)
    {
        var questionType = (await app.Service<QuestionTypeCatalog>().ActiveAsync(Cancel))[0].Id;
        return (await app.Service<OfflineMessageIntake>().LeaveAsync(new OfflineMessageRequest(name, email, null, questionType, text, "visitor-dsr"), "id")).OfflineMessageId;
    }

    private static Dictionary<string, string> Unzip(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        return archive.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var reader = new StreamReader(e.Open());
            return reader.ReadToEnd();
        });
    }

    /// <summary>How many values of every text column of every table of the model hold <paramref name="text"/>, in any case: one query per column.</summary>
    private async Task<List<string>> ColumnsHoldingAsync(string text)
    {
        await using var db = app.CreateDbContext();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(Cancel);
        var holding = new List<string>();
        foreach (var entity in db.Model.GetEntityTypes())
        {
            if (entity.GetTableName() is not { } table)
            {
                continue;
            }

            var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
            foreach (var property in entity.GetProperties().Where(p => p.ClrType == typeof(string) || p.ClrType == typeof(byte[])))
            {
                if (property.GetColumnName(store) is not { } column)
                {
                    continue;
                }

                await using var command = connection.CreateCommand();
                var qualified = entity.GetSchema() is { } schema ? $"\"{schema}\".\"{table}\"" : $"\"{table}\"";
                var binary = property.ClrType == typeof(byte[]);

                // A file's bytes (a sent text or document) are searched as they are, for the text in UTF-8.
                command.CommandText = !binary ? $"SELECT COUNT(*) FROM {qualified} WHERE lower(\"{column}\") LIKE @needle"
                    : db.Database.IsNpgsql() ? $"SELECT COUNT(*) FROM {qualified} WHERE position(@needle in \"{column}\") > 0"
                    : $"SELECT COUNT(*) FROM {qualified} WHERE instr(\"{column}\", @needle) > 0";
                var needle = command.CreateParameter();
                needle.ParameterName = "@needle";
                needle.Value = binary ? System.Text.Encoding.UTF8.GetBytes(text.ToLowerInvariant()) : "%" + text.ToLowerInvariant() + "%";
                command.Parameters.Add(needle);
                if (Convert.ToInt64(await command.ExecuteScalarAsync(Cancel), System.Globalization.CultureInfo.InvariantCulture) > 0)
                {
                    holding.Add($"{table}.{column}");
                }
            }
        }

        return holding;
    }

    [Fact]
    public async Task An_export_holds_exactly_that_patrons_rows_and_nothing_of_a_patron_with_a_similar_email()
    {
        var email = Email("siti");
        var similar = "x" + email;
        var chat = await ClosedChatAsync("Siti Aminah", email, null, "Di mana koleksi peta kuno?", ("peta/../catatan.txt", "Peta Batavia 1740"u8.ToArray()));
        var offline = await OfflineAsync("Siti Aminah", email.ToUpperInvariant(), "Apakah ada koleksi naskah Jawa?");
        await ClosedChatAsync("Budi Santoso", similar, "M-7788", "Jam buka hari Sabtu?");
        await OfflineAsync("Budi Santoso", similar, "Pesan dari Budi tentang majalah lama");

        var export = await Requests.ExportAsync(await SupervisorAsync(), DataSubjectKind.Email, " " + email.ToUpperInvariant() + " ", Cancel);

        var files = Unzip(export.Content);
        files.Keys.Should().Contain(["conversations.json", "offline-messages.json", "mails.json", "member.json", "member-look-ups.json"]);
        JsonDocument.Parse(files["conversations.json"]).RootElement.EnumerateArray().Select(c => c.GetProperty("id").GetGuid()).Should().Equal(chat);
        JsonDocument.Parse(files["offline-messages.json"]).RootElement.EnumerateArray().Select(m => m.GetProperty("id").GetGuid()).Should().Equal(offline);
        var transcript = files.Where(f => f.Key.StartsWith("conversations/", StringComparison.Ordinal)).Should().ContainSingle().Subject;
        transcript.Key.Should().EndWith($"{chat:N}.txt");
        transcript.Value.Should().Contain("Di mana koleksi peta kuno?").And.Contain("[Berkas: catatan.txt, 17\u00A0B]", "the transcript names the file by name and size");
        files.Where(f => f.Key.StartsWith("files/", StringComparison.Ordinal)).Should().ContainSingle()
            .Which.Should().Be(new KeyValuePair<string, string>($"files/{transcript.Key["conversations/".Length..^".txt".Length]}-2-catatan.txt", "Peta Batavia 1740"));
        files.Values.Should().NotContain(v => v.Contains(similar, StringComparison.OrdinalIgnoreCase) || v.Contains("Budi", StringComparison.Ordinal),
            "nothing of the other patron, whose email contains this one");
        export.Findings.Conversations.Should().Be(new FoundCount(1, false));
    }

    [Fact]
    public async Task An_erase_leaves_no_trace_of_the_email_in_any_text_column_and_the_audit_keeps_it_masked()
    {
        var email = Email("rina");
        var other = email.Replace("@", "x@", StringComparison.Ordinal);
        await ClosedChatAsync("Rina Wulandari", email, null, $"Tolong kirim jawabannya ke {email}",
            ($"surat-{email}.txt", System.Text.Encoding.UTF8.GetBytes($"Kepada perpustakaan, dari {email}\n")));
        await OfflineAsync("Rina Wulandari", email, "Saya menunggu balasan");
        var librarian = await StaffAccounts.ActorAsync(app, "Dewi Lestari", DeskRoles.Librarian);
        await app.Service<MemberService>().SearchAsync(librarian, new MemberSearch(Email: email), cancellationToken: Cancel);
        await ClosedChatAsync("Agus Salim", other, null, "Pertanyaan lain");
        (await ColumnsHoldingAsync(email)).Should().Contain(["ChatMessages.Attachment_FileName", "AttachmentContents.Bytes"], "the patron's email is stored before the erase, in the file's name and in the file");

        var erased = await Requests.EraseAsync(await SupervisorAsync(), DataSubjectKind.Email, email, deleteTexts: false, Cancel);

        erased.Conversations.Should().Be(1);
        erased.OfflineMessages.Should().Be(1);
        erased.MemberLookUps.Should().Be(1);
        (await ColumnsHoldingAsync(email)).Should().BeEmpty();
        (await ColumnsHoldingAsync(other)).Should().NotBeEmpty("another patron's data stays");
        await using var db = app.CreateDbContext();
        var entry = await db.AuditEntries.Where(a => a.Action == AuditActions.DataRequestErased).OrderByDescending(a => a.Id).FirstAsync(Cancel);
        entry.Target.Should().Be($"Email r***@contoh.id");
        entry.Details.Should().Contain("conversations=1;").And.Contain("offline_messages=1;");
    }

    [Fact]
    public async Task A_correction_changes_the_name_on_every_found_row_and_is_audited()
    {
        var email = Email("ani");
        var first = await ClosedChatAsync("Ani Salah", email, null, "Pertanyaan pertama");
        var second = await ClosedChatAsync("Ani Salah", email, null, "Pertanyaan kedua");
        var offline = await OfflineAsync("Ani Salah", email, "Pesan luring");
        var other = await ClosedChatAsync("Ani Salah", "x" + email, null, "Orang lain");
        var corrected = Email("ani.benar");

        var correction = await Requests.CorrectAsync(await SupervisorAsync(), DataSubjectKind.Email, email, "  Ani Benar ", corrected, Cancel);

        correction.Should().Be(new DataCorrection(2, 1));
        await using var db = app.CreateDbContext();
        (await db.Conversations.Where(c => c.Id == first || c.Id == second).Select(c => new { c.PatronName, c.PatronEmail }).ToListAsync(Cancel))
            .Should().AllBeEquivalentTo(new { PatronName = "Ani Benar", PatronEmail = corrected });
        (await db.OfflineMessages.SingleAsync(m => m.Id == offline, Cancel)).Name.Should().Be("Ani Benar");
        (await db.Conversations.SingleAsync(c => c.Id == other, Cancel)).PatronName.Should().Be("Ani Salah");
        var entry = await db.AuditEntries.Where(a => a.Action == AuditActions.DataRequestCorrected).OrderByDescending(a => a.Id).FirstAsync(Cancel);
        entry.ActorName.Should().Be("Hendra Gunawan");
        entry.Details.Should().Be("corrected=name_email; conversations=2; offline_messages=1");
        (entry.Target + entry.Details).Should().NotContain(email);
    }

    [Fact]
    public async Task A_librarian_is_refused_every_request_and_nothing_changes()
    {
        var email = Email("joko");
        await OfflineAsync("Joko Widodo", email, "Pesan");
        var librarian = await StaffAccounts.ActorAsync(app, "Dewi Lestari", DeskRoles.Librarian);

        await Requests.Invoking(r => r.FindAsync(librarian, DataSubjectKind.Email, email, Cancel)).Should().ThrowAsync<StaffRoleRequiredException>();
        await Requests.Invoking(r => r.ExportAsync(librarian, DataSubjectKind.Email, email, Cancel)).Should().ThrowAsync<StaffRoleRequiredException>();
        await Requests.Invoking(r => r.CorrectAsync(librarian, DataSubjectKind.Email, email, "Orang Lain", null, Cancel)).Should().ThrowAsync<StaffRoleRequiredException>();
        await Requests.Invoking(r => r.EraseAsync(librarian, DataSubjectKind.Email, email, true, Cancel)).Should().ThrowAsync<StaffRoleRequiredException>();

        await using var db = app.CreateDbContext();
        (await db.OfflineMessages.SingleAsync(m => m.Email == email, Cancel)).Name.Should().Be("Joko Widodo");
    }

    [Theory]
    [InlineData(DataSubjectKind.Email, "", DataRequestErrors.Empty, "Isi yang dicari.")]
    [InlineData(DataSubjectKind.Email, "   ", DataRequestErrors.Empty, "Isi yang dicari.")]
    [InlineData(DataSubjectKind.Email, "siti@", DataRequestErrors.Email, "Alamat email tidak valid.")]
    [InlineData(DataSubjectKind.Email, "siti contoh.id", DataRequestErrors.Email, "Alamat email tidak valid.")]
    [InlineData(DataSubjectKind.Phone, "0812-abc", DataRequestErrors.Phone, "Nomor telepon tidak valid.")]
    [InlineData(DataSubjectKind.MemberNumber, "M-123456789012345678901234567890123", DataRequestErrors.TooLong, "Terlalu panjang.")]
    [InlineData((DataSubjectKind)9, "siti@contoh.id", DataRequestErrors.Kind, "Jenis pencarian tidak dikenal.")]
    public async Task Bad_input_is_refused_with_its_reason_and_nothing_is_audited(DataSubjectKind kind, string text, string problem, string shown)
    {
        var supervisor = await SupervisorAsync();
        await using var db = app.CreateDbContext();
        var audited = await db.AuditEntries.CountAsync(a => a.ActorId == supervisor.Id, Cancel);

        var refusal = await Requests.Invoking(r => r.FindAsync(supervisor, kind, text, Cancel)).Should().ThrowAsync<DataRequestRefusedException>();

        refusal.Which.Message.Should().Be(problem);
        new System.Resources.ResourceManager(typeof(DeskStrings)).GetString(problem, new System.Globalization.CultureInfo("id")).Should().Be(shown);
        (await db.AuditEntries.CountAsync(a => a.ActorId == supervisor.Id, Cancel)).Should().Be(audited);
    }

    [Fact]
    public async Task A_search_longer_than_any_stored_email_and_a_bad_correction_are_refused()
    {
        var supervisor = await SupervisorAsync();
        var email = Email("lina");
        await OfflineAsync("Lina Marlina", email, "Pesan");

        (await Requests.Invoking(r => r.FindAsync(supervisor, DataSubjectKind.Email, new string('a', 250) + "@contoh.id", Cancel))
            .Should().ThrowAsync<DataRequestRefusedException>()).Which.Message.Should().Be(DataRequestErrors.TooLong);
        (await Requests.Invoking(r => r.CorrectAsync(supervisor, DataSubjectKind.Email, email, " ", null, Cancel))
            .Should().ThrowAsync<DataRequestRefusedException>()).Which.Message.Should().Be(DataRequestErrors.Name);
        (await Requests.Invoking(r => r.CorrectAsync(supervisor, DataSubjectKind.Email, email, new string('n', 101), null, Cancel))
            .Should().ThrowAsync<DataRequestRefusedException>()).Which.Message.Should().Be(DataRequestErrors.Name);
        (await Requests.Invoking(r => r.CorrectAsync(supervisor, DataSubjectKind.Email, email, "Lina", "bukan-email", Cancel))
            .Should().ThrowAsync<DataRequestRefusedException>()).Which.Message.Should().Be(DataRequestErrors.Email);

        await using var db = app.CreateDbContext();
        (await db.OfflineMessages.SingleAsync(m => m.Email == email, Cancel)).Name.Should().Be("Lina Marlina");
    }
}
