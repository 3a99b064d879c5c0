using Bunit;
using LibrarianDesk.Features.Audit;
using LibrarianDesk.Features.AuditLog;
using LibrarianDesk.Features.IpBlocks;
using LibrarianDesk.Features.Privacy;
using LibrarianDesk.Shared.Auditing;
using LibrarianDesk.Shared.Blocking;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace LibrarianDesk.Tests.Features.Audit;

/// <summary>The audit log's details column says in the reader's language, with WIB times, what the stored (invariant) details record.</summary>
public sealed class AuditDetailsTests : LiveDeskComponentTest, IClassFixture<DeskApp>
{
    public AuditDetailsTests(DeskApp app)
        : base(app)
    {
        Services.AddSingleton(app.Service<AuditLogQuery>());
    }

    private static CancellationToken Cancel => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_IP_block_reads_as_an_Indonesian_sentence_with_its_end_in_WIB_while_the_stored_details_stay_as_written()
    {
        var reason = $"spam {Guid.NewGuid():N}";
        var admin = await StaffAccounts.ActorAsync(App, "Dewi Lestari", DeskRoles.ItAdmin, DeskRoles.Supervisor);
        (await App.Service<IpBlockService>().AddAsync(admin, new IpBlockDraft("198.51.100.0/24", reason, BlockDuration.OneDay), null)).Succeeded.Should().BeTrue();
        string stored;
        await using (var db = App.CreateDbContext())
        {
            stored = (await db.AuditEntries.SingleAsync(e => e.Details!.StartsWith(reason), Cancel)).Details!;
        }

        SignInAsAccount(admin.Id!, admin.Name, DeskRoles.ItAdmin, DeskRoles.Supervisor);
        Render<MudPopoverProvider>();
        var page = Render<AuditLogPage>();
        page.Find("input[data-testid=audit-search], [data-testid=audit-search] input").Input(reason);

        page.WaitForAssertion(() => page.FindAll("[data-testid=audit-details]").Should().ContainSingle());
        var shown = page.Find("[data-testid=audit-details]").TextContent;
        shown.Should().MatchRegex($@"^Alasan: {reason}; berlaku sampai \w+, \d+ \w+ \d{{4}} \d\d\.\d\d WIB$");
        stored.Should().MatchRegex($@"^{reason} · \d{{4}}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+\+00:00$", "the stored details are not rewritten");
    }

    [Theory]
    [InlineData(AuditActions.SignInFailed, "IP 203.0.113.7", "Dari alamat IP 203.0.113.7", "From IP address 203.0.113.7")]
    [InlineData(AuditActions.SignInSucceeded, "IP 203.0.113.7; recovery code", "Dari alamat IP 203.0.113.7, dengan kode pemulihan", "From IP address 203.0.113.7, with a recovery code")]
    [InlineData(AuditActions.AccountCreated, "roles: Librarian, ItAdmin", "Peran: Pustakawan, Admin TI", "Roles: Librarian, IT admin")]
    [InlineData(AuditActions.AccountUpdated, "name: Budi Santoso; roles: ", "Nama: Budi Santoso; peran: tanpa peran", "Name: Budi Santoso; roles: no roles")]
    [InlineData(AuditActions.RecoveryCodeUsed, "7 left", "Sisa 7 kode pemulihan", "7 recovery codes left")]
    [InlineData(AuditActions.ServiceHoursChanged, "Monday 08:00-16:00; Saturday 09:00-12:00", "Jam layanan: Senin 08.00–16.00; Sabtu 09.00–12.00", "Service hours: Monday 08:00–16:00; Saturday 09:00–12:00")]
    [InlineData(AuditActions.AlwaysOpenChanged, "true", "Mode selalu buka diaktifkan", "Always-open mode turned on")]
    [InlineData(AuditActions.IpBlockAdded, "bot · permanent", "Alasan: bot; permanen", "Reason: bot; permanent")]
    [InlineData(AuditActions.IpBlockAdded, "a · b · 2026-12-07T05:30:00.0000000+00:00", "Alasan: a · b; berlaku sampai Sen, 7 Des 2026 12.30 WIB", "Reason: a · b; until Mon 7 Dec 2026 12:30 WIB")]
    [InlineData(AuditActions.MemberVerified, "member=123; found=True; phone=Mismatch", "Anggota: 123; Ditemukan: ya; Telepon: tidak cocok", "Member: 123; Found: yes; Phone: does not match")]
    [InlineData(AuditActions.MembershipMarked, "VerifiedMember", "Tanda: Anggota terverifikasi", "Mark: Verified member")]
    [InlineData("offline.assigned", "to: Sari Wulandari", "Ditugaskan ke Sari Wulandari", "Assigned to Sari Wulandari")]
    [InlineData("outbox.discarded", "a@contoh.id; Re: Tanya; after 5 attempts: 550 no such user", "a@contoh.id; Re: Tanya; setelah 5 percobaan: 550 no such user", "a@contoh.id; Re: Tanya; after 5 attempts: 550 no such user")]
    [InlineData(AuditActions.MembersSearched, "email=*; results=2", "Surel: *; Hasil: 2", "Email: *; Results: 2")]
    [InlineData("some.future_action", "until 2026-12-07T05:30:00Z", "until Sen, 7 Des 2026 12.30 WIB", "until Mon 7 Dec 2026 12:30 WIB")]
    public void Each_stored_form_reads_as_a_sentence_in_Indonesian_and_English(string action, string stored, string indonesian, string english)
    {
        var entry = new AuditEntry { Action = action, Details = stored };
        Describe(entry).Should().Be(indonesian);
        UseLanguage("en");
        Describe(entry).Should().Be(english);
    }

    [Fact]
    public void The_privacy_actions_read_as_their_settings_and_counts_in_Indonesian_and_English()
    {
        var settings = new AuditEntry { Action = AuditActions.PrivacySettingsChanged, Details = PrivacySettings.Default.Describe() };
        var erasure = new AuditEntry { Action = AuditActions.DataRequestErased, Details = new DataErasure(2, 1, 3, 4, 5, 1, false).Describe(deleteTexts: true) };
        var run = new AuditEntry { Action = AuditActions.RetentionApplied, Details = new RetentionRun(DateTimeOffset.UnixEpoch, 7, 0, 3, 0, 0, 2).Describe() };

        Describe(settings).Should().Be("Masa simpan (bulan): 24; Teks pesan: disimpan; Isi surel (hari): 30; Alamat IP: dipangkas; Pencarian anggota (bulan): 12");
        Describe(erasure).Should().Be(
            "Percakapan: 2; Masih terbuka: 1; Pesan luring: 3; Surel: 4; Pencarian anggota: 5; Teks pesan: dihapus; Data anggota disimpan: 1; Masih ada lagi: tidak");
        Describe(run).Should().Be("Percakapan: 7; Pesan luring: 0; Kunjungan: 3; Isi surel: 0; Alamat surel: 0; Pencarian anggota: 2");
        UseLanguage("en");
        Describe(settings).Should().Be("Keep for (months): 24; Message texts: kept; Mail bodies (days): 30; IP addresses: truncated; Member look-ups (months): 12");
    }

    private string? Describe(AuditEntry entry) =>
        new AuditDetailsText(Services.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<LibrarianDesk.Resources.DeskStrings>>()).Describe(entry);
}
