using System.Net;
using System.Runtime.Versioning;
using LibrarianDesk.Features.Mail;
using LibrarianDesk.Features.OfflineMessages;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace LibrarianDesk.Tests.Data;

/// <summary>The data folder holds every conversation and the sign-in keys: on Unix nobody but the desk's account reads it.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class DataFileModeTests(DataFileModeTests.UpgradedDeskApp app) : IClassFixture<DataFileModeTests.UpgradedDeskApp>
{
    private const UnixFileMode Folder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode File = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task After_the_first_start_the_database_its_log_the_key_ring_and_new_mails_are_the_desks_alone()
    {
        // A sign-in page carries an antiforgery token, which needs the key ring; a mail lands in the pickup folder.
        using (var client = app.CreateBrowserClient())
        {
            (await client.GetAsync("/Account/Login", Cancel)).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        await app.Service<IMailTransport>().SendAsync(Mail(), Cancel);
        await using var db = app.CreateDbContext();
        await db.Database.OpenConnectionAsync(Cancel);

        var database = Path.Combine(app.DataDirectory, "librariandesk.db");
        ModeOf(app.DataDirectory).Should().Be(Folder, "the data folder");
        ModeOf(database).Should().Be(File, "the database");
        ModeOf(database + "-wal").Should().Be(File, "the write-ahead log");
        ModeOf(database + "-shm").Should().Be(File, "the log's index");

        var keys = Path.Combine(app.DataDirectory, "keys");
        ModeOf(keys).Should().Be(Folder, "the key ring's folder");
        Directory.GetFiles(keys, "*.xml").Should().NotBeEmpty().And.OnlyContain(key => ModeOf(key) == File, "the sign-in keys");

        var pickup = Path.Combine(app.DataDirectory, "mail-pickup");
        ModeOf(pickup).Should().Be(Folder, "the mail pickup folder");
        Directory.GetFiles(pickup, "*.eml").Should().HaveCount(2).And.OnlyContain(mail => ModeOf(mail) == File, "new mails and the one left open");
    }

    [Fact]
    public void A_data_folder_an_earlier_version_left_open_is_closed_at_start_up()
    {
        ModeOf(app.DataDirectory).Should().Be(Folder);
        ModeOf(Path.Combine(app.DataDirectory, "mail-pickup")).Should().Be(Folder);
        ModeOf(UpgradedDeskApp.OldMail(app.DataDirectory)).Should().Be(File);
    }

    private static UnixFileMode ModeOf(string path) => System.IO.File.GetUnixFileMode(path);

    private static MimeMessage Mail()
    {
        var mail = new MimeMessage { Subject = "Jawaban pertanyaan Anda" };
        mail.From.Add(MailboxAddress.Parse("desk@test.local"));
        mail.To.Add(MailboxAddress.Parse("patron@test.local"));
        mail.Body = new TextPart("plain") { Text = "Terima kasih." };
        return mail;
    }

    /// <summary>A desk started on a data folder and pickup mail an earlier version created world-readable (0755 / 0644).</summary>
    public sealed class UpgradedDeskApp : DeskApp
    {
        private const UnixFileMode Open = Folder | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

        public static string OldMail(string dataDirectory) => Path.Combine(dataDirectory, "mail-pickup", "20260101-000000000-old.eml");

        public override ValueTask InitializeAsync()
        {
            Directory.CreateDirectory(Path.Combine(DataDirectory, "mail-pickup"), Open);
            System.IO.File.SetUnixFileMode(DataDirectory, Open);
            System.IO.File.WriteAllText(OldMail(DataDirectory), "Subject: old\r\n\r\nold\r\n");
            System.IO.File.SetUnixFileMode(OldMail(DataDirectory), File | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            return base.InitializeAsync();
        }
    }
}
