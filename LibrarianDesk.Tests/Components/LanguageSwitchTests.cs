using Bunit;
using LibrarianDesk.Components.Layout;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace LibrarianDesk.Tests.Components;

public sealed class LanguageSwitchTests : DeskComponentTest
{
    [Fact]
    public void Choosing_English_reloads_the_current_page_through_the_culture_endpoint()
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("admin/service-hours");
        var popovers = Render<MudPopoverProvider>();
        var menu = Render<LanguageSwitch>();

        menu.Find("button").Click();
        popovers.WaitForElement("[data-testid=language-en]").Click();

        navigation.Uri.Should().EndWith("/culture/en?returnUrl=%2Fadmin%2Fservice-hours");
    }

    [Fact]
    public void The_presence_badge_uses_the_desks_words_in_each_language()
    {
        SignInAs("Sari", DeskRoles.Librarian);
        Render<PresenceBadge>(p => p.Add(b => b.Presence, Presence.Away)).Markup.Should().Contain("Sedang Pergi");
        UseLanguage("en");
        Render<PresenceBadge>(p => p.Add(b => b.Presence, Presence.Away)).Markup.Should().Contain("Away");
    }
}
