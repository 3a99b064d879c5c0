using Bunit;
using LibrarianDesk.Components.Layout;
using LibrarianDesk.Tests.Infrastructure;

namespace LibrarianDesk.Tests.Components;

/// <summary>The dialog Blazor shows while the connection is lost, in the desk's language instead of Blazor's English.</summary>
public sealed class ReconnectModalTests : DeskComponentTest
{
    [Fact]
    public void The_reconnect_dialog_speaks_Indonesian_on_the_Indonesian_desk()
    {
        var dialog = Render<ReconnectModal>();

        dialog.Find("#components-reconnect-modal").TagName.Should().Be("DIALOG", "Blazor finds its reconnect UI by this id");
        dialog.Find("[data-testid=reconnect-rejoining]").TextContent.Should().Contain("Menyambung kembali");
        dialog.Find("[data-testid=reconnect-retrying]").TextContent.Should().Contain("Mencoba lagi dalam").And.Contain("detik");
        dialog.Find("#components-seconds-to-next-attempt").Should().NotBeNull("Blazor writes the seconds left into it");
        dialog.Find("#components-reconnect-button").TextContent.Should().Be("Coba lagi");
        dialog.Markup.Should().NotContain("Rejoin");
    }

    [Fact]
    public void The_reconnect_dialog_speaks_English_on_the_English_desk()
    {
        UseLanguage("en");
        var dialog = Render<ReconnectModal>();

        dialog.Find("[data-testid=reconnect-rejoining]").TextContent.Should().Contain("Reconnecting to the desk");
        dialog.Find("[data-testid=reconnect-failed]").TextContent.Should().Contain("Could not reconnect");
        dialog.Find("#components-reconnect-button").TextContent.Should().Be("Try again");
    }
}
