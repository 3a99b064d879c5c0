using LibrarianDesk.Features.Audit;
using LibrarianDesk.Features.AuditLog;
using LibrarianDesk.Features.History;
using LibrarianDesk.Features.Members;
using LibrarianDesk.Features.OfflineMessages;
using LibrarianDesk.Shared.Auditing;
using LibrarianDesk.Shared.Conversations;
using LibrarianDesk.Shared.Members;
using LibrarianDesk.Shared.OfflineMessages;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Infrastructure;

namespace LibrarianDesk.Tests.Data;

/// <summary>
/// The staff searches on PostgreSQL find what they find on SQLite: text typed in another case, with % and _ taken
/// literally (PostgreSQL's LIKE, unlike SQLite's, minds case).
/// </summary>
public sealed class PostgreSqlSearchTests(PostgreSqlDeskApp app) : IClassFixture<PostgreSqlDeskApp>
{
    /// <summary>Each test writes rows only its own searches can match (xunit makes a class instance per test).</summary>
    private readonly string mark = Guid.NewGuid().ToString("N")[..12];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static string Upper(string text) => text.ToUpperInvariant();

    [Fact]
    public async Task The_audit_log_finds_an_entry_typed_in_another_case()
    {
        await PostgreSqlDeskApp.RequireAsync();
        await AddAuditAsync($"Katalog-{mark}", $"Judul: Laskar Pelangi {mark}");

        (await AuditTargetsAsync(Upper($"katalog-{mark}"))).Should().Equal($"Katalog-{mark}");
        (await AuditTargetsAsync(Upper($"laskar pelangi {mark}"))).Should().Equal([$"Katalog-{mark}"], "the details are searched too");
    }

    [Fact]
    public async Task The_offline_inbox_finds_a_message_typed_in_another_case()
    {
        await PostgreSqlDeskApp.RequireAsync();
        var id = await AddOfflineAsync($"Siti Rahayu {mark}", $"Apakah buku Bumi Manusia {mark} tersedia?");

        (await OfflineIdsAsync(Upper($"siti rahayu {mark}"))).Should().Equal(id);
        (await OfflineIdsAsync(Upper($"bumi manusia {mark}"))).Should().Equal(id);
    }

    [Fact]
    public async Task The_member_directory_finds_a_name_typed_in_another_case()
    {
        await PostgreSqlDeskApp.RequireAsync();
        var number = $"M{mark}";
        await using (var db = app.CreateDbContext())
        {
            db.Members.Add(new Member
            {
                MemberNumber = number,
                FullName = $"Ratna Dewi {mark}",
                BirthDate = new DateOnly(1990, 8, 17),
                RegisteredOn = new DateOnly(2024, 1, 1),
                ExpiresOn = new DateOnly(2030, 1, 1),
            });
            await db.SaveChangesAsync(Cancel);
        }

        var librarian = await StaffAccounts.ActorAsync(app, "Sari Wulandari", DeskRoles.Librarian);
        var found = await app.Service<MemberService>().SearchAsync(librarian, new MemberSearch(Name: Upper($"ratna dewi {mark}")), cancellationToken: Cancel);

        found.Items.Select(m => m.MemberNumber).Should().Equal(number);
    }

    [Fact]
    public async Task History_finds_a_member_number_and_an_email_typed_in_another_case()
    {
        await PostgreSqlDeskApp.RequireAsync();
        var id = Guid.NewGuid();
        await using (var db = app.CreateDbContext())
        {
            db.Conversations.Add(Conversation.Start(id, "Budi", $"Budi.{mark}@Contoh.id", $"Ab-{mark}", null, null, DateTimeOffset.UtcNow));
            await db.SaveChangesAsync(Cancel);
        }

        var reader = new HistoryReader((await StaffAccounts.CreateAsync(app, $"reader-{mark}@test.local", [DeskRoles.Librarian])).Id);
        async Task<List<Guid>> FoundAsync(HistoryFilter filter) =>
            (await app.Service<HistorySearch>().SearchAsync(filter, reader, 0, 10, Cancel)).Hits.Select(h => h.ConversationId).ToList();

        (await FoundAsync(new HistoryFilter { MemberNumber = Upper($"ab-{mark}") })).Should().Equal(id);
        (await FoundAsync(new HistoryFilter { Email = Upper($"budi.{mark}@contoh") })).Should().Equal(id);
    }

    [Fact]
    public async Task Percent_and_underscore_are_matched_literally()
    {
        await PostgreSqlDeskApp.RequireAsync();
        await AddAuditAsync($"diskon 100% {mark}");
        await AddAuditAsync($"diskon 1000 {mark}");
        await AddAuditAsync($"kode_a {mark}");
        await AddAuditAsync($"kodexa {mark}");
        var percent = await AddOfflineAsync($"Diskon 100% {mark}", "Berlaku?");
        await AddOfflineAsync($"Diskon 1000 {mark}", "Berlaku?");

        (await AuditTargetsAsync($"0% {mark}")).Should().Equal($"diskon 100% {mark}");
        (await AuditTargetsAsync($"E_A {mark}")).Should().Equal($"kode_a {mark}");
        (await OfflineIdsAsync($"0% {mark}")).Should().Equal(percent);
    }

    private async Task AddAuditAsync(string target, string? details = null)
    {
        await using var db = app.CreateDbContext();
        db.AuditEntries.Add(new AuditEntry
        {
            At = DateTimeOffset.UtcNow,
            ActorName = "Rina Kusuma",
            Action = AuditActions.MembersSearched,
            Target = target,
            Details = details,
        });
        await db.SaveChangesAsync(Cancel);
    }

    private async Task<List<string?>> AuditTargetsAsync(string search)
    {
        var (entries, _) = await app.Service<AuditLogQuery>().PageAsync(AuditActor.System, new AuditLogFilter(Search: search), 0, 50, Cancel);
        return entries.Select(e => e.Target).ToList();
    }

    private async Task<Guid> AddOfflineAsync(string name, string text)
    {
        var message = new OfflineMessage { Id = Guid.NewGuid(), Name = name, Email = "pemustaka@contoh.id", Text = text, ReceivedAt = DateTimeOffset.UtcNow };
        await using var db = app.CreateDbContext();
        db.OfflineMessages.Add(message);
        await db.SaveChangesAsync(Cancel);
        return message.Id;
    }

    private async Task<List<Guid>> OfflineIdsAsync(string search) =>
        (await app.Service<OfflineMessageService>().ListAsync(search: search, cancellationToken: Cancel)).Select(m => m.Id).ToList();
}
