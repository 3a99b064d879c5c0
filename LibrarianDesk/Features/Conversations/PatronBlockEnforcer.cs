using LibrarianDesk.Features.IpBlocks;
using LibrarianDesk.Realtime;
using LibrarianDesk.Resources;
using LibrarianDesk.Shared.Blocking;
using LibrarianDesk.Shared.Contracts;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Localization;

namespace LibrarianDesk.Features.Conversations;

/// <summary>
/// When a block is added, every live patron connection from its addresses is told, the conversations
/// they were in are closed with reason "blocked", and the connections are closed after
/// <see cref="CloseAfter"/>. The wait lets a call in flight be answered first: the call whose flood
/// added the block is answered <c>blocked:</c>, not cut off; meanwhile the hub refuses every other call
/// from the address.
/// </summary>
internal sealed class PatronBlockEnforcer(
    DeskNotifier notifier,
    PatronConnections connections,
    IHubContext<PatronHub, IPatronClient> hub,
    ConversationLifecycle lifecycle,
    IStringLocalizerFactory localizers,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<PatronBlockEnforcer> logger) : IHostedService, IDisposable
{
    public static readonly TimeSpan CloseAfter = TimeSpan.FromSeconds(1);

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
                    await lifecycle.EndBlockedAsync(conversationId);
                }

                connections.Remove(entry.Context.ConnectionId);
                _ = CloseSoonAsync(entry.Context);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Could not disconnect blocked patron connection {ConnectionId}", entry.Context.ConnectionId);
            }
        }
    }

    private async Task CloseSoonAsync(HubCallerContext connection)
    {
        try
        {
            await Task.Delay(CloseAfter, time, lifetime.ApplicationStopping);
        }
        catch (OperationCanceledException)
        {
            // The desk is stopping and closes every connection itself.
            return;
        }

        connection.Abort();
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
