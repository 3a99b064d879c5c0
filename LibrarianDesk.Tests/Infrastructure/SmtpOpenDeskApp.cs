using LibrarianDesk.Tests.Features.OfflineMessages;

namespace LibrarianDesk.Tests.Infrastructure;

/// <summary>The open desk sending its mail to a real SMTP server in-process, when the test asks (no background sender).</summary>
public sealed class SmtpOpenDeskApp : OpenDeskApp
{
    public InProcessSmtpServer Smtp { get; } = new();

    protected override IReadOnlyDictionary<string, string?> Settings => base.Settings.Concat(Smtp.DeskSettings).ToDictionary();

    public override async ValueTask InitializeAsync()
    {
        await Smtp.StartAsync();
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await Smtp.DisposeAsync();
        await base.DisposeAsync();
    }
}
