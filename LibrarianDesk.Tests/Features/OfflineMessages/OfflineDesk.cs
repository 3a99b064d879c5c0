using LibrarianDesk.Features.Audit;
using LibrarianDesk.Features.Conversations;
using LibrarianDesk.Features.OfflineMessages;
using LibrarianDesk.Shared.Contracts;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace LibrarianDesk.Tests.Features.OfflineMessages;

/// <summary>The desk with a library mailbox configured and no SMTP: mail lands in the pickup folder.</summary>
public class OfflineDeskApp : DeskApp
{
    public const string LibraryMailbox = "tanya@perpusnas.test";

    public AuditActor Librarian { get; private set; } = default!;

    public string PickupFolder => Path.Combine(DataDirectory, "mail-pickup");

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Desk:Mail:LibraryMailbox"] = LibraryMailbox,
    };

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        var account = await StaffAccounts.CreateAsync(this, "sari@test.local", [DeskRoles.Librarian], "Sari Wulandari");
        Librarian = new AuditActor(account.Id, account.DisplayName);
    }
}

/// <summary>Helpers the offline tests share: a patron leaves a message, the pickup folder is read.</summary>
public static class OfflineDesk
{
    public static async Task<Guid> LeaveMessageAsync(
        DeskApp app, string email, string text = "Apakah koleksi naskah kuno bisa dibaca di tempat?", string name = "Siti Rahma",
        string language = "id", string? memberNumber = "1234567890")
    {
        ArgumentNullException.ThrowIfNull(app);
        int questionTypeId;
        await using (var db = app.CreateDbContext())
        {
            questionTypeId = await db.QuestionTypes.OrderBy(q => q.SortOrder).Select(q => q.Id).FirstAsync();
        }

        var acknowledgement = await app.Service<OfflineMessageIntake>().LeaveAsync(
            new OfflineMessageRequest(name, email, memberNumber, questionTypeId, text), language);
        return acknowledgement.OfflineMessageId;
    }

    /// <summary>Every mail in the pickup folder addressed to <paramref name="address"/>, parsed as a mail program would.</summary>
    public static List<(MimeMessage Mail, string Raw)> MailsTo(string pickupFolder, string address)
    {
        if (!Directory.Exists(pickupFolder))
        {
            return [];
        }

        return Directory.GetFiles(pickupFolder, "*.eml")
            .Select(path => (Mail: MimeMessage.Load(path), Raw: File.ReadAllText(path)))
            .Where(m => m.Mail.To.Mailboxes.Any(to => string.Equals(to.Address, address, StringComparison.OrdinalIgnoreCase)))
            .ToList();
    }

    public static string UniqueEmail(string who) => $"{who}.{Guid.NewGuid():N}@contoh.id";
}
