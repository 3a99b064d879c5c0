using Bunit;
using LibrarianDesk.Features.Audit;
using LibrarianDesk.Features.AuditLog;
using LibrarianDesk.Shared.Auditing;
using LibrarianDesk.Shared.Scheduling;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace LibrarianDesk.Tests.Features.Audit;

/// <summary>The audit log page over the desk's real log.</summary>
public sealed class AuditLogPageTests : LiveDeskComponentTest, IClassFixture<DeskApp>
{
    private readonly string target = $"audit-page-{Guid.NewGuid():N}";

    public AuditLogPageTests(DeskApp app)
        : base(app)
    {
        Services.AddSingleton(app.Service<AuditLogQuery>());
    }

    private static CancellationToken Cancel => Xunit.TestContext.Current.CancellationToken;

    private async Task<IRenderedComponent<AuditLogPage>> RenderWithEntriesAsync()
    {
        // The audit log checks its reader's roles in the database: a real supervisor account.
        var reader = await StaffAccounts.ActorAsync(App, "Hendra Gunawan", DeskRoles.Supervisor);
        SignInAsAccount(reader.Id!, reader.Name, DeskRoles.Supervisor);
        await using (var db = App.CreateDbContext())
        {
            db.AuditEntries.AddRange(
                new AuditEntry { At = Wib.At(new DateOnly(2026, 4, 1), new TimeOnly(9, 0)), ActorId = "u1", ActorName = "Rina Kusuma", Action = AuditActions.MembersSearched, Target = target },
                new AuditEntry { At = Wib.At(new DateOnly(2026, 4, 3), new TimeOnly(9, 0)), ActorId = "u2", ActorName = "Joko Santoso", Action = AuditActions.MemberViewed, Target = target });
            await db.SaveChangesAsync(Cancel);
        }

        Render<MudPopoverProvider>();
        return Render<AuditLogPage>();
    }

    private static AngleSharp.Dom.IElement Input(IRenderedComponent<AuditLogPage> page, string testId) =>
        page.Find($"input[data-testid={testId}], [data-testid={testId}] input");

    /// <summary>The search box reacts while typing (debounced); the date fields when a date is entered.</summary>
    private static void Type(IRenderedComponent<AuditLogPage> page, string testId, string text)
    {
        if (testId == "audit-search")
        {
            Input(page, testId).Input(text);
        }
        else
        {
            Input(page, testId).Change(text);
        }
    }

    [Fact]
    public async Task Entries_narrow_to_the_search_and_the_chosen_days_with_actions_in_words()
    {
        var page = await RenderWithEntriesAsync();

        Type(page, "audit-search", target);
        page.WaitForAssertion(() => page.FindAll("[data-testid=audit-table] tbody tr").Should().HaveCount(2));
        page.Find("[data-testid=audit-table]").TextContent.Should().Contain("Pencarian anggota").And.Contain("Rina Kusuma");

        Type(page, "audit-from", "2026-04-02");
        page.WaitForAssertion(() => page.Find("[data-testid=audit-table] tbody").TextContent.Should().Contain("Joko Santoso").And.NotContain("Rina Kusuma"));
    }

    [Fact]
    public async Task Filters_that_match_nothing_say_so_and_a_reversed_range_is_pointed_out()
    {
        var page = await RenderWithEntriesAsync();

        Type(page, "audit-search", target);
        Type(page, "audit-from", "2026-04-03");
        Type(page, "audit-to", "2026-04-01");

        page.WaitForAssertion(() => page.Find("[data-testid=audit-range-problem]").TextContent.Should().Contain("Tanggal awal jatuh setelah tanggal akhir"));

        // The table follows its own query, which may land after the range's message.
        page.WaitForAssertion(() => page.Find("[data-testid=audit-table]").TextContent.Should().Contain("Tidak ada catatan audit yang cocok"));
    }
}
