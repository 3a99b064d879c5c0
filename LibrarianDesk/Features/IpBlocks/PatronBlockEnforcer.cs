using LibrarianDesk.Features.Conversations;
using LibrarianDesk.Realtime;
using LibrarianDesk.Resources;
using LibrarianDesk.Shared.Blocking;
using LibrarianDesk.Shared.Contracts;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Localization;

namespace LibrarianDesk.Features.IpBlocks;

/// <summary>
/// When a block is added, every live patron connection from its addresses is told and disconnected,
/// and the conversations they were in are closed with reason "blocked".
/// </summary>
internal sealed class PatronBlockEnforcer(
    DeskNotifier notifier,
    PatronConnections connections,
    IHubContext<PatronHub, IPatronClient> hub,
    ChatService chat,
    IStringLocalizerFactory localizers,
    ILogger<PatronBlockEnforcer> logger) : IHostedService, IDisposable
{
    private IDisposable? subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        subscription = notifier.Subscribe<IpBlockAdded>(EnforceAsync);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => subscription?.Dispose();

    private async Task EnforceAsync(IpBlockAdded added)
    {
        if (!IpRange.TryParse(added.Range, out var range, out _))
        {
            return;
        }

        foreach (var entry in connections.Where(range.Contains))
        {
            try
            {
                var language = PatronLanguage.Get(entry.Context);
                await hub.Clients.Client(entry.Context.ConnectionId).Blocked(new BlockedNotice(BlockedSentence(language)));
                foreach (var conversationId in entry.Conversations.Keys)
                {
                    await chat.EndBlockedAsync(conversationId);
                }

                entry.Context.Abort();
                connections.Remove(entry.Context.ConnectionId);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Could not disconnect blocked patron connection {ConnectionId}", entry.Context.ConnectionId);
            }
        }
    }

    private string BlockedSentence(string language)
    {
        var previous = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo(language);
        try
        {
            return localizers.Create(typeof(DeskStrings))["Patron_Error_Blocked"];
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = previous;
        }
    }
}
