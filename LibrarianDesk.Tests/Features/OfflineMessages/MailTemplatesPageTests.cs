using Bunit;
using LibrarianDesk.Features.Mail;
using LibrarianDesk.Features.OfflineMessages;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace LibrarianDesk.Tests.Features.OfflineMessages;

public sealed class MailTemplatesPageTests : LiveDeskComponentTest, IClassFixture<OfflineDeskOnAClock>
{
    public MailTemplatesPageTests(OfflineDeskOnAClock app)
        : base(app)
    {
        ArgumentNullException.ThrowIfNull(app);
        Services.AddSingleton(app.Service<MailTemplateStore>());
        SignInAsAccount(app.Supervisor.Id!, app.Supervisor.Name, DeskRoles.Librarian, DeskRoles.Supervisor);
    }

    [Fact]
    public void The_editor_opens_on_the_default_reply_refuses_an_unknown_placeholder_and_previews_a_valid_template()
    {
        var page = Render<MailTemplatesPage>();
        page.WaitForAssertion(() => page.Find("[data-testid=template-subject]").GetAttribute("value").Should().Be("Re: Pertanyaan Anda di Tanya Pustakawan"));
        page.Find("[data-testid=template-origin]").TextContent.Should().Contain("Bawaan");
        page.Find("[data-testid=template-placeholders]").TextContent.Should().Contain("{PatronName}").And.Contain("{Reply}");

        page.Find("[data-testid=template-body]").Input("Halo {NamaPemustaka},\n{Reply}");
        page.Find("[data-testid=template-save]").Click();
        page.WaitForAssertion(() => page.Find("[data-testid=template-error]").TextContent.Should().Contain("{NamaPemustaka}").And.Contain("{PatronName}"));

        page.Find("[data-testid=template-body]").Input("Halo {PatronName},\n{Reply}\n{LibraryName}");
        page.Find("[data-testid=template-preview]").Click();
        page.WaitForAssertion(() => page.Find("[data-testid=template-preview-text]").TextContent
            .Should().Contain("Halo Siti Rahma,").And.Contain("Bisa, di ruang baca naskah lantai 9.").And.Contain("Perpustakaan Nasional RI"));
        page.FindAll("[data-testid=template-error]").Should().BeEmpty();
        page.Find("[data-testid=template-origin]").TextContent.Should().Contain("Bawaan", "a preview saves nothing");
    }

    [Fact]
    public async Task The_english_transcript_template_is_one_click_away()
    {
        var page = Render<MailTemplatesPage>();

        // Found and clicked in one renderer turn: the page's first load may re-render the buttons in between.
        await page.InvokeAsync(() => page.Find("[data-testid=template-kind-transcript]").Click());
        await page.InvokeAsync(() => page.Find("[data-testid=template-language-en]").Click());

        page.WaitForAssertion(() => page.Find("[data-testid=template-subject]").GetAttribute("value")
            .Should().Be("The transcript of your conversation with Ask a Librarian"));
        page.Find("[data-testid=template-placeholders]").TextContent.Should().Contain("{Transcript}").And.NotContain("{Reply}");
    }
}
