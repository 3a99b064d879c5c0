using Bunit;
using LibrarianDesk.Features.Audit;
using LibrarianDesk.Features.IpBlocks;
using LibrarianDesk.Shared.Blocking;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace LibrarianDesk.Tests.Features.IpBlocks;

public sealed class IpBlockPanelTests : LiveDeskComponentTest, IClassFixture<DeskApp>
{
    private readonly DeskApp app;

    public IpBlockPanelTests(DeskApp app)
        : base(app)
    {
        this.app = app;
        SignInAs("Agus", DeskRoles.ItAdmin);
    }

    [Fact]
    public async Task The_panel_lists_blocks_with_who_why_and_how_long()
    {
        await app.Service<IpBlockService>().AddAsync(new AuditActor(null, "Agus Setiawan"), new IpBlockDraft("203.0.113.0/24", "spam tautan", BlockDuration.Permanent), null);
        // The list checks its reader's roles in the database, so the page runs as a real account.
        var agus = await StaffAccounts.CreateAsync(app, $"agus-{Guid.NewGuid():N}@test.local", [DeskRoles.ItAdmin], "Agus Setiawan");
        SignInAsAccount(agus.Id, agus.DisplayName, DeskRoles.ItAdmin);

        Render<MudPopoverProvider>();
        var page = Render<IpBlocksPage>();

        page.WaitForAssertion(() =>
        {
            var row = page.FindAll("tr").Single(r => r.TextContent.Contains("203.0.113.0/24", StringComparison.Ordinal));
            row.TextContent.Should().Contain("spam tautan").And.Contain("Agus Setiawan").And.Contain("Permanen");
        });
    }

    [Fact]
    public async Task The_block_dialog_is_pre_filled_refuses_a_malformed_address_and_saves_a_good_one()
    {
        var provider = Render<MudDialogProvider>();
        Render<MudPopoverProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();
        await provider.InvokeAsync(() => dialogs.ShowAsync<BlockIpDialog>("Blokir IP ini", new DialogParameters<BlockIpDialog>
        {
            { d => d.Actor, new AuditActor(null, "Agus") },
            { d => d.Address, "192.0.2.150" },
        }));

        var range = provider.WaitForElement("input[data-testid=block-range], [data-testid=block-range] input");
        range.GetAttribute("value").Should().Be("192.0.2.150");

        range.Change("192.0.2.300");
        provider.Find("input[data-testid=block-reason], [data-testid=block-reason] input").Change("spam");
        provider.Find("[data-testid=block-save]").Click();
        provider.WaitForElement("[data-testid=block-error]").TextContent.Should().Contain("Alamat IP tidak valid");

        provider.Find("input[data-testid=block-range], [data-testid=block-range] input").Change("192.0.2.150");
        provider.Find("[data-testid=block-save]").Click();
        provider.WaitForAssertion(() => provider.FindAll("[data-testid=block-dialog]").Should().BeEmpty(), TimeSpan.FromSeconds(5));

        await using var db = app.CreateDbContext();
        (await db.IpBlocks.AnyAsync(b => b.Range == "192.0.2.150" && b.Reason == "spam", Xunit.TestContext.Current.CancellationToken)).Should().BeTrue();
    }
}
