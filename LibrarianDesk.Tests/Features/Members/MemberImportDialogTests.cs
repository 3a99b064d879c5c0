using Bunit;
using LibrarianDesk.Features.Audit;
using LibrarianDesk.Features.Members;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace LibrarianDesk.Tests.Features.Members;

/// <summary>The import dialog: choose a file, check the column mapping, read the dry run, apply with progress.</summary>
public sealed class MemberImportDialogTests(OpenDeskApp app) : LiveDeskComponentTest(app), IClassFixture<OpenDeskApp>
{
    private static CancellationToken Cancel => Xunit.TestContext.Current.CancellationToken;

    private async Task<IRenderedComponent<MudDialogProvider>> OpenAsync()
    {
        var provider = Render<MudDialogProvider>();
        Render<MudPopoverProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();
        await provider.InvokeAsync(() => dialogs.ShowAsync<MemberImportDialog>("Impor CSV",
            new DialogParameters<MemberImportDialog> { { d => d.Actor, new AuditActor(null, "Hendra Gunawan") } }));
        return provider;
    }

    private static void Upload(IRenderedComponent<MudDialogProvider> provider, string csv) =>
        provider.WaitForComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(csv, "anggota.csv"));

    private static Task MapAsync(IRenderedComponent<MudDialogProvider> provider, MemberField field, int column)
    {
        var select = provider.FindComponents<MudSelect<int>>()
            .Single(s => Equals(s.Instance.UserAttributes.GetValueOrDefault("data-testid"), $"members-import-column-{field}"));
        return provider.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(column));
    }

    [Fact]
    public async Task Unrecognised_columns_are_mapped_by_hand_then_the_dry_run_and_apply_follow()
    {
        var provider = await OpenAsync();

        Upload(provider, """
            No. Kartu,Nama Anggota,Tgl. Lahir,Masa Berlaku
            DLG-1,Wulan Sari,03/03/1993,2031-01-01
            DLG-2,Teguh Prakoso,04/04/1994,2031-01-01
            """);

        provider.WaitForAssertion(() => provider.Find("[data-testid=members-import-plan]").TextContent.Should().Contain("Pilih kolom berkas untuk: Nomor anggota, Nama, Tanggal lahir, Berlaku sampai"));
        provider.Find("[data-testid=members-import-field-FullName]").TextContent.Should().Contain("Nama *");
        provider.Find("[data-testid=members-import-apply]").HasAttribute("disabled").Should().BeTrue();

        await MapAsync(provider, MemberField.MemberNumber, 0);
        await MapAsync(provider, MemberField.FullName, 1);
        await MapAsync(provider, MemberField.BirthDate, 2);
        await MapAsync(provider, MemberField.ExpiresOn, 3);

        provider.WaitForAssertion(() => provider.Find("[data-testid=members-import-plan]").TextContent.Should().Contain("2 anggota akan ditambahkan, 0 diperbarui, 0 baris ditolak"));
        provider.Find("[data-testid=members-import-field-FullName]").TextContent.Should().Contain("Wulan Sari", "the first row shows beside its column");

        provider.Find("[data-testid=members-import-apply]").Click();

        provider.WaitForAssertion(() => provider.FindAll("[data-testid=members-import-dialog]").Should().BeEmpty(), TimeSpan.FromSeconds(10));
        await using var db = App.CreateDbContext();
        (await db.Members.Where(m => m.MemberNumber.StartsWith("DLG-")).Select(m => m.FullName).OrderBy(n => n).ToListAsync(Cancel))
            .Should().Equal("Teguh Prakoso", "Wulan Sari");
    }

    [Fact]
    public async Task Rejected_lines_are_listed_with_their_numbers_and_nothing_can_be_applied()
    {
        var provider = await OpenAsync();

        Upload(provider, $"""
            {MemberFiles.Header}
            DLG-9,Ayu Lestari,,,31/02/1990,,,,2031-01-01
            """);

        provider.WaitForAssertion(() => provider.Find("[data-testid=members-import-rejected]").TextContent.Should().Contain("Baris 2").And.Contain("31/02/1990"));
        provider.Find("[data-testid=members-import-apply]").HasAttribute("disabled").Should().BeTrue();
    }

    [Fact]
    public async Task A_file_in_another_encoding_is_refused_with_a_way_out()
    {
        var provider = await OpenAsync();

        provider.WaitForComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(System.Text.Encoding.Latin1.GetBytes("nama\nAndré\n"), "anggota.csv"));

        provider.WaitForAssertion(() => provider.Find("[data-testid=members-import-problem]").TextContent.Should().Contain("CSV UTF-8"));
        provider.FindAll("[data-testid=members-import-mapping]").Should().BeEmpty();
    }
}
