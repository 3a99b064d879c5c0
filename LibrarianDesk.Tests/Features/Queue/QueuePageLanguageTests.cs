using System.Globalization;
using Bunit;
using LibrarianDesk.Features.Queue;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Infrastructure;

namespace LibrarianDesk.Tests.Features.Queue;

public sealed class QueuePageLanguageTests(OpenDeskApp app) : LiveDeskComponentTest(app), IClassFixture<OpenDeskApp>
{
    [Fact]
    public async Task A_live_update_caused_by_an_Indonesian_patron_stays_in_the_English_librarians_language()
    {
        UseLanguage("en");
        SignInAsAccount(app.LibrarianId, "Sari Wulandari", DeskRoles.Librarian);
        var page = Render<QueuePage>();
        page.WaitForAssertion(() => page.Find("[data-testid=queue-page]").GetAttribute("data-live").Should().Be("true"), TimeSpan.FromSeconds(5));
        page.Find("[data-testid=queue-empty-waiting] h6").TextContent.Trim().Should().Be("No conversations are waiting");

        // The event arrives on the patron's thread, which carries the patron's language.
        var id = await Task.Run(async () =>
        {
            CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo("id");
            return await Conversations.StartAsync(App, "Lina Marpaung");
        }, Xunit.TestContext.Current.CancellationToken);

        page.WaitForAssertion(() => page.FindAll($"[data-conversation-id='{id}'] [data-testid=queue-member]").Should().ContainSingle(), TimeSpan.FromSeconds(5));
        page.Find($"[data-conversation-id='{id}'] [data-testid=queue-member]").TextContent.Trim().Should().Be("Non-member");
        page.Find($"[data-conversation-id='{id}'] [data-testid=queue-waiting-time]").TextContent.Trim().Should().MatchRegex(@"^\d+ s$");
        page.Find($"[data-conversation-id='{id}'] [data-testid=queue-take]").TextContent.Trim().Should().Be("Take");
    }
}
