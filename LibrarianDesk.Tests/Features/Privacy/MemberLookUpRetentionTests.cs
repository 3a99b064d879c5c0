using LibrarianDesk.Features.Members;
using LibrarianDesk.Features.Privacy;
using LibrarianDesk.Shared.Auditing;
using LibrarianDesk.Shared.Scheduling;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Tests.Features.Privacy;

/// <summary>
/// Member look-ups in the audit log forget whom they looked up after their own period. One desk whose clock only moves
/// forward (the job remembers how far it has forgotten), so the whole story is one test.
/// </summary>
public sealed class MemberLookUpRetentionTests(MemberLookUpRetentionTests.ClockedDesk app) : IClassFixture<MemberLookUpRetentionTests.ClockedDesk>
{
    public sealed class ClockedDesk : OpenDeskApp
    {
        public static readonly DateTimeOffset Start = Wib.At(new DateOnly(2026, 12, 7), new TimeOnly(10, 0));

        public AdjustableClock Clock { get; } = new(Start);

        protected override TimeProvider Time => Clock;
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private async Task<List<AuditEntry>> LookUpsAsync()
    {
        await using var db = app.CreateDbContext();
        return await db.AuditEntries.AsNoTracking().Where(a => MemberLookUps.Actions.Contains(a.Action)).OrderBy(a => a.Id).ToListAsync(Cancel);
    }

    [Fact]
    public async Task Look_ups_past_their_period_forget_whom_they_looked_up_once_and_younger_ones_keep_it_until_theirs()
    {
        var librarian = await StaffAccounts.ActorAsync(app, "Sari Wulandari", DeskRoles.Librarian);
        var supervisor = await StaffAccounts.ActorAsync(app, "Hendra Gunawan", DeskRoles.Supervisor);
        var members = app.Service<MemberService>();
        var job = app.Service<RetentionJob>();
        await members.SearchAsync(librarian, new MemberSearch(Email: "lama@contoh.id", Phone: "081234567890"), cancellationToken: Cancel);
        await members.FindAsync(librarian, "M-LAMA", Cancel);
        app.Clock.Set(ClockedDesk.Start.AddMonths(6));
        await members.SearchAsync(librarian, new MemberSearch(Email: "baru@contoh.id"), cancellationToken: Cancel);

        app.Clock.Set(ClockedDesk.Start.AddMonths(12).AddDays(1));
        var first = await job.RunAsync(Cancel);
        var afterFirst = await LookUpsAsync();
        app.Clock.Set(ClockedDesk.Start.AddMonths(12).AddDays(2));
        var second = await job.RunAsync(Cancel);

        first.MemberLookUps.Should().Be(2);
        afterFirst.Select(a => (a.ActorName, a.Target, a.Details)).Should().Equal(
            ("Sari Wulandari", null, "phone=*; email=*; results=0"),
            ("Sari Wulandari", "*", "not found"),
            ("Sari Wulandari", null, "email=baru@contoh.id; results=0"));
        second.MemberLookUps.Should().Be(0);
        (await LookUpsAsync()).Should().BeEquivalentTo(afterFirst);

        // A longer period keeps the younger look-up past its first year; back at a year, the next run forgets it.
        (await app.Service<PrivacySettingsStore>().SaveAsync(supervisor, PrivacySettings.Default with { LookUpMonths = 24 })).Should().BeEmpty();
        app.Clock.Set(ClockedDesk.Start.AddMonths(19));
        (await job.RunAsync(Cancel)).MemberLookUps.Should().Be(0);
        (await app.Service<PrivacySettingsStore>().SaveAsync(supervisor, PrivacySettings.Default)).Should().BeEmpty();
        app.Clock.Set(ClockedDesk.Start.AddMonths(19).AddDays(1));
        (await job.RunAsync(Cancel)).MemberLookUps.Should().Be(1);
        (await LookUpsAsync()).Last().Details.Should().Be("email=*; results=0");
    }
}
