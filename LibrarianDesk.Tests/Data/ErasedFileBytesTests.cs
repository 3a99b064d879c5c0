using System.Text;
using LibrarianDesk.Features.Attachments;
using LibrarianDesk.Features.Conversations;
using LibrarianDesk.Features.Privacy;
using LibrarianDesk.Shared.Contracts;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Tests.Data;

/// <summary>An erased file is gone from the SQLite file itself, not only from its table (freed pages keep their bytes).</summary>
public sealed class ErasedFileBytesTests(OpenDeskApp app) : IClassFixture<OpenDeskApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_erased_patrons_file_leaves_no_bytes_in_the_database_file_or_its_log()
    {
        var marker = $"KTP-3171-{Guid.NewGuid():N}";
        var email = $"wati.{Guid.NewGuid():N}@contoh.id";
        var questionType = (await app.Service<QuestionTypeCatalog>().ActiveAsync(Cancel))[0].Id;
        var started = (await app.Service<PatronChat>().StartAsync(
            new StartConversationRequest("Wati Susanti", email, null, questionType, "Ini kartu saya", PatronClient.NewMessageId()), "id")).Response;
        var file = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat($"Nomor identitas: {marker}\n", 300)));
        await app.Service<ChatAttachments>().SendFromPatronAsync(started.ConversationId, started.PatronToken, PatronClient.NewMessageId(), "kartu.txt", file);
        await app.Service<LibrarianChat>().ReplyAsync(app.LibrarianId, started.ConversationId, "Terima kasih, sudah kami terima.");
        await app.Service<LibrarianChat>().CloseByLibrarianAsync(app.LibrarianId, started.ConversationId, questionType, 2, []);
        await CheckpointAsync();
        StoredFilesHold(marker).Should().BeTrue("the file is in the database before the erase (the scan can see it)");

        var supervisor = await StaffAccounts.ActorAsync(app, "Hendra Gunawan", DeskRoles.Supervisor);
        (await app.Service<DataSubjectRequests>().EraseAsync(supervisor, DataSubjectKind.Email, email, deleteTexts: false, Cancel)).Conversations.Should().Be(1);
        await CheckpointAsync();

        StoredFilesHold(marker).Should().BeFalse("the freed pages were overwritten");
    }

    private async Task CheckpointAsync()
    {
        await using var db = app.CreateDbContext();
        await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE)", Cancel);
    }

    private bool StoredFilesHold(string marker)
    {
        var needle = Encoding.UTF8.GetBytes(marker);
        return Directory.EnumerateFiles(app.DataDirectory, "librariandesk.db*")
            .Any(path => File.ReadAllBytes(path).AsSpan().IndexOf(needle) >= 0);
    }
}
