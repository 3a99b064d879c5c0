using LibrarianDesk.Bench.Hosting;
using LibrarianDesk.Shared.Contracts;
using Microsoft.AspNetCore.SignalR.Client;

namespace LibrarianDesk.Bench.Clients;

/// <summary>The same patron against the bare <see cref="EchoHub"/>: same client, transport and message sizes.</summary>
public sealed class EchoPatron(Uri baseAddress) : IBenchPatron
{
    private readonly HubConnection connection = BenchPatrons.Connection(baseAddress, EchoHub.Path);
    private readonly string visitorId = BenchPatrons.VisitorId();
    private Guid conversationId;

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        await connection.StartAsync(cancellationToken);
        await connection.InvokeAsync<int>(nameof(EchoHub.Hello), visitorId, cancellationToken);
    }

    public Task PageChangedAsync(string pageUrl, CancellationToken cancellationToken) =>
        connection.InvokeAsync(nameof(EchoHub.PageChanged), pageUrl, cancellationToken);

    public async Task StartConversationAsync(string text, Action<string> onLibrarianMessage, CancellationToken cancellationToken)
    {
        connection.On<PatronMessage>(EchoHub.Reply, m => onLibrarianMessage(m.Text));
        conversationId = await connection.InvokeAsync<Guid>(nameof(EchoHub.StartConversation), text, cancellationToken);
    }

    public Task SendAsync(string text, CancellationToken cancellationToken) =>
        connection.InvokeAsync<int>(nameof(EchoHub.SendMessage), conversationId, text, cancellationToken);

    public ValueTask DisposeAsync() => connection.DisposeAsync();
}
