using LibrarianDesk.Realtime;
using LibrarianDesk.Shared.Contracts;
using Microsoft.Extensions.Options;

namespace LibrarianDesk.Features.Visitors;

/// <summary>
/// Shows a granted greeting in its visitor's tabs on this server and keeps it there for the answer. Every server hears
/// every greeting (<see cref="VisitorGreeted"/>); only the one holding the visitor's tabs has anything to do.
/// </summary>
internal sealed class GreetingDelivery(DeskNotifier notifier, VisitorService visitors, PatronPush patrons, IOptionsMonitor<VisitorOptions> options)
    : IHostedService, IDisposable
{
    private IDisposable? subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        subscription = notifier.Subscribe<VisitorGreeted>(ShowAsync);
        return Task.CompletedTask;
    }

    private async Task ShowAsync(VisitorGreeted greeted)
    {
        var tabs = visitors.ReceiveGreeting(greeted.VisitorId, greeted.Greeting);
        if (tabs.Count == 0)
        {
            return;
        }

        var settings = options.CurrentValue;
        var greeting = greeted.Greeting;
        await patrons.GreetingAsync(tabs, new GreetingNotice(
            greeting.AuthorName, greeting.Text, greeting.Id, settings.GreetingReplyRequiresName, settings.GreetingReplyRequiresEmail,
            (int)settings.GreetingLifetime.TotalSeconds));
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => Interlocked.Exchange(ref subscription, null)?.Dispose();
}
