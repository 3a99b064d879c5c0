using LibrarianDesk.Features.Audit;
using LibrarianDesk.Features.Members;
using LibrarianDesk.Shared.Auditing;
using LibrarianDesk.Shared.Conversations;
using LibrarianDesk.Shared.Members;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Tests.Features.Members;

/// <summary>The member directory against the real desk and its database: search, verification, marks, import.</summary>
public sealed class MemberServiceTests(OpenDeskApp app) : IClassFixture<OpenDeskApp>
{
    private const string Header = MemberFiles.Header;

    private MemberService Members => app.Service<MemberService>();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private AuditActor Librarian => new(app.LibrarianId, "Sari Wulandari");

    /// <summary>Import and export are a supervisor's; the desk's librarian searches.</summary>
    private Task<AuditActor> SupervisorAsync() => StaffAccounts.ActorAsync(app, "Hendra Gunawan", DeskRoles.Supervisor);

    /// <summary>Each test imports its own members, with numbers no other test uses.</summary>
    private async Task ImportAsync(string rows)
    {
        var plan = await Members.ApplyImportAsync(await SupervisorAsync(), MemberCsv.Read(new StringReader(Header + "\n" + rows)), cancellationToken: Cancel);
        plan.Applied.Should().BeTrue(string.Join("; ", plan.Rejected));
    }

    private async Task<List<AuditEntry>> AuditAsync(string action)
    {
        await using var db = app.CreateDbContext();
        return await db.AuditEntries.AsNoTracking().Where(a => a.Action == action).OrderBy(a => a.Id).ToListAsync(Cancel);
    }

    [Fact]
    public async Task A_librarian_finds_members_by_any_field_alone_or_combined_with_phone_and_birth_date_masked()
    {
        await ImportAsync("""
            SRC1,André Wijaya,andre@contoh.id,0812-1111-2222,17/08/1990,,,2024-01-01,2030-01-01
            SRC2,Andre Wijayakusuma,,0812-3333-4444,01/01/1980,,,2024-01-01,2030-01-01
            SRC3,Budi Wijaya,budi@contoh.id,0812-5555-6666,17/08/1990,,,2024-01-01,2030-01-01
            """);

        (await Members.SearchAsync(Librarian, new MemberSearch(Name: "ANDRE WIJAYA"), cancellationToken: Cancel)).Items
            .Select(m => m.MemberNumber).Should().Equal("SRC1", "SRC2");
        (await Members.SearchAsync(Librarian, new MemberSearch(Phone: "+62 812 1111 2222"), cancellationToken: Cancel)).Items
            .Should().ContainSingle().Which.MemberNumber.Should().Be("SRC1");
        (await Members.SearchAsync(Librarian, new MemberSearch(MemberNumber: " src3 "), cancellationToken: Cancel)).Items
            .Should().ContainSingle().Which.FullName.Should().Be("Budi Wijaya");
        (await Members.SearchAsync(Librarian, new MemberSearch(Email: "BUDI@contoh.id"), cancellationToken: Cancel)).Total.Should().Be(1);

        var combined = await Members.SearchAsync(Librarian, new MemberSearch(Name: "wijaya", BirthDate: "17/08/1990"), cancellationToken: Cancel);
        combined.Items.Select(m => m.MemberNumber).Should().Equal("SRC1", "SRC3");
        combined.Items[0].MaskedPhone.Should().Be("+62812••••2222");
        combined.Items[0].MaskedBirthDate.Should().Be("••/••/1990");
    }

    [Theory]
    [InlineData(0, 3, "PAGE1 PAGE2 PAGE3")]
    [InlineData(1, 3, "PAGE4 PAGE5 PAGE6")]
    [InlineData(2, 3, "PAGE7")]
    [InlineData(3, 3, "")]
    [InlineData(0, 7, "PAGE1 PAGE2 PAGE3 PAGE4 PAGE5 PAGE6 PAGE7")]
    [InlineData(0, 10, "PAGE1 PAGE2 PAGE3 PAGE4 PAGE5 PAGE6 PAGE7")]
    public async Task Results_come_in_pages_and_every_page_tells_the_same_total(int page, int pageSize, string expected)
    {
        await ImportAsync(string.Join("\n", Enumerable.Range(1, 7).Select(i => $"PAGE{i},Halaman Pagination {i},,,01/01/1990,,,,2030-01-01")));

        var result = await Members.SearchAsync(Librarian, new MemberSearch(Name: "halaman pagination"), page, pageSize, cancellationToken: Cancel);

        result.Total.Should().Be(7);
        result.Items.Select(m => m.MemberNumber).Should().Equal(expected.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData(null, null, MemberErrors.EmptySearch)]
    [InlineData("0812-ABCD", null, MemberErrors.BadPhone)]
    [InlineData(null, "31/02/1990", MemberErrors.BadDate)]
    public async Task An_empty_or_bad_search_gets_a_clear_message_and_runs_nothing(string? phone, string? birthDate, string problem)
    {
        var before = (await AuditAsync(AuditActions.MembersSearched)).Count;

        var result = await Members.SearchAsync(Librarian, new MemberSearch(Phone: phone, BirthDate: birthDate), cancellationToken: Cancel);

        result.Problems.Should().Equal(problem);
        (await AuditAsync(AuditActions.MembersSearched)).Should().HaveCount(before);
    }

    [Fact]
    public async Task A_search_is_written_to_the_audit_log_with_who_the_query_and_the_conversation()
    {
        var conversationId = Guid.NewGuid();

        await Members.SearchAsync(Librarian, new MemberSearch(Name: "Audit Pencarian Unik"), conversationId: conversationId, cancellationToken: Cancel);

        var entry = (await AuditAsync(AuditActions.MembersSearched)).Should().ContainSingle(a => a.Details!.Contains("Audit Pencarian Unik")).Subject;
        entry.ActorId.Should().Be(app.LibrarianId);
        entry.Target.Should().Be(conversationId.ToString());
        entry.Details.Should().Be("name=Audit Pencarian Unik; results=0");
    }

    [Fact]
    public async Task A_verification_inside_a_conversation_is_audited_and_the_mark_is_stored_on_the_conversation()
    {
        await ImportAsync("VER1,Siti Rahma,siti.rahma@contoh.id,0812-7777-8888,17/08/1990,,,2024-01-01,2030-01-01");
        var conversationId = await Queue.Conversations.StartAsync(app, "Siti Rahma", "ver1");

        var result = await Members.VerifyAsync(Librarian, conversationId,
            new MembershipClaim("ver1", "Siti Rahma", null, "0812 7777 8888", "18/08/1990"), Cancel);

        result.Should().Be(new MembershipCheckResult(true, FieldMatch.Match, FieldMatch.Match, FieldMatch.Mismatch, MemberStatus.Active));
        var entry = (await AuditAsync(AuditActions.MemberVerified)).Should().ContainSingle(a => a.Target == conversationId.ToString()).Subject;
        entry.ActorId.Should().Be(app.LibrarianId);
        entry.Details.Should().Contain("member=VER1").And.Contain("birth_date=Mismatch").And.NotContain("7777");

        (await Members.MarkAsync(Librarian, conversationId, MembershipMark.VerifiedMember, Cancel)).Should().BeTrue();
        (await Queue.Conversations.ReadAsync(app, conversationId)).Membership.Should().Be(MembershipMark.VerifiedMember);
        (await AuditAsync(AuditActions.MembershipMarked)).Should().Contain(a => a.Target == conversationId.ToString() && a.Details == "VerifiedMember");
    }

    [Fact]
    public async Task An_unknown_member_number_is_not_found_and_still_audited()
    {
        var conversationId = Guid.NewGuid();

        var result = await Members.VerifyAsync(Librarian, conversationId, new MembershipClaim("TIDAK-ADA", null, null, "0812-1111-2222", null), Cancel);

        result.Found.Should().BeFalse();
        (await AuditAsync(AuditActions.MemberVerified)).Should().Contain(a => a.Target == conversationId.ToString() && a.Details!.Contains("found=False"));
    }

    [Fact]
    public async Task Without_a_member_number_the_claimed_email_finds_the_member()
    {
        await ImportAsync("MAIL1,Rina Sinaga,rina.sinaga@contoh.id,0812-2020-3030,05/05/1995,,,2024-01-01,2030-01-01");

        var result = await Members.VerifyAsync(Librarian, Guid.NewGuid(), new MembershipClaim(null, null, "Rina.Sinaga@contoh.id", null, "05/05/1995"), Cancel);

        result.Confirmed.Should().BeTrue();
    }

    [Fact]
    public async Task The_dry_run_counts_rows_to_add_and_update_and_lists_rejections_without_writing()
    {
        await ImportAsync("DRY1,Lama Satu,,,01/01/1990,,,,2030-01-01");
        var file = MemberCsv.Read(new StringReader($"""
            {Header}
            DRY1,Baru Satu,,,01/01/1990,,,,2030-01-01
            DRY2,Baru Dua,,,01/01/1990,,,,2030-01-01
            DRY3,Baru Tiga,,,31/02/1990,,,,2030-01-01
            DRY4,Baru Empat,,,01/01/1990,,,,2030-01-01
            """));

        var plan = await Members.PlanImportAsync(await SupervisorAsync(), file, Cancel);

        plan.ToAdd.Should().Be(2);
        plan.ToUpdate.Should().Be(1);
        plan.Rejected.Should().ContainSingle().Which.Should().Be(new MemberCsvError(4, MemberCsvError.BadDate, "31/02/1990"));
        plan.Applied.Should().BeFalse();

        var applied = await Members.ApplyImportAsync(await SupervisorAsync(), file, cancellationToken: Cancel);
        applied.Applied.Should().BeFalse("a file with a rejected row applies nothing");
        await using var db = app.CreateDbContext();
        (await db.Members.Where(m => m.MemberNumber.StartsWith("DRY")).Select(m => m.FullName).ToListAsync(Cancel)).Should().Equal("Lama Satu");
    }

    [Fact]
    public async Task Applying_a_clean_file_upserts_by_member_number_and_is_audited()
    {
        await ImportAsync("UPS1,Nama Lama,,,01/01/1990,,,,2030-01-01");
        var file = MemberCsv.Read(new StringReader($"""
            {Header}
            ups1,Nama Baru,baru@contoh.id,0812-9999-0000,01/01/1990,peneliti,suspended,2020-01-01,2025-01-01
            UPS2,Anggota Kedua,,,02/02/1992,,,,2030-01-01
            """));

        var applied = await Members.ApplyImportAsync(await SupervisorAsync(), file, cancellationToken: Cancel);

        applied.Should().BeEquivalentTo(new MemberImportPlan(1, 1, [], Applied: true));
        var updated = (await Members.FindAsync(Librarian, "UPS1", Cancel))!;
        updated.Member.FullName.Should().Be("Nama Baru");
        updated.Member.SearchName.Should().Be("nama baru");
        updated.Member.Phone.Should().Be("+6281299990000");
        updated.StatusToday.Should().Be(MemberStatus.Suspended);
        (await AuditAsync(AuditActions.MembersImported)).Should().Contain(a => a.Details == "added=1; updated=1");
        (await AuditAsync(AuditActions.MemberViewed)).Should().Contain(a => a.Target == "UPS1");
    }

    [Fact]
    public async Task Export_gives_every_member_in_the_import_format()
    {
        await ImportAsync("EXP1,Ekspor Satu,,0812-4444-5555,01/01/1990,,,,2030-01-01");

        var csv = await Members.ExportAsync(await SupervisorAsync(), Cancel);

        var row = MemberCsv.Read(new StringReader(csv)).Rows.Should().ContainSingle(r => r.MemberNumber == "EXP1").Subject;
        row.Phone.Should().Be("+6281244445555");
        (await AuditAsync(AuditActions.MembersExported)).Should().NotBeEmpty();
    }

    /// <summary>A file larger than one write batch, so progress and all-or-nothing are seen across batches.</summary>
    private static MemberCsvResult LargeFile(string prefix, int rows) => MemberCsv.Read(new StringReader(Header + "\n" + string.Join("\n",
        Enumerable.Range(0, rows).Select(i => $"{prefix}{i:D5},Anggota Besar {i},,,01/01/1990,,,,2030-01-01"))));

    [Fact]
    public async Task A_large_import_reports_its_progress_batch_by_batch_up_to_every_row()
    {
        var rows = (MemberService.ImportBatchSize * 2) + 7;
        var progress = new RecordingProgress();

        var applied = await Members.ApplyImportAsync(await SupervisorAsync(), LargeFile("BIG", rows), progress, Cancel);

        applied.ToAdd.Should().Be(rows);
        progress.Reports.Should().Equal(MemberService.ImportBatchSize, MemberService.ImportBatchSize * 2, rows);
        await using var db = app.CreateDbContext();
        (await db.Members.CountAsync(m => m.MemberNumber.StartsWith("BIG"), Cancel)).Should().Be(rows);
    }

    [Fact]
    public async Task An_import_stopped_after_its_first_batch_leaves_the_directory_as_it_was()
    {
        await ImportAsync("CAN00000,Nama Lama,,,01/01/1990,,,,2030-01-01");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        var progress = new RecordingProgress(stop.Cancel);

        var supervisor = await SupervisorAsync();
        var apply = () => Members.ApplyImportAsync(supervisor, LargeFile("CAN", (MemberService.ImportBatchSize * 2) + 1), progress, stop.Token);

        await apply.Should().ThrowAsync<OperationCanceledException>();
        progress.Reports.Should().Equal(MemberService.ImportBatchSize);
        await using var db = app.CreateDbContext();
        (await db.Members.Where(m => m.MemberNumber.StartsWith("CAN")).Select(m => m.FullName).ToListAsync(Cancel)).Should().Equal("Nama Lama");
    }

    /// <summary>Records reports as they happen (<see cref="Progress{T}"/> would post them later).</summary>
    private sealed class RecordingProgress(Action? onReport = null) : IProgress<int>
    {
        public List<int> Reports { get; } = [];

        public void Report(int value)
        {
            Reports.Add(value);
            onReport?.Invoke();
        }
    }
}
