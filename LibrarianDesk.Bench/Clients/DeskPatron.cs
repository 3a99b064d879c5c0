using LibrarianDesk.Shared.Contracts;
using Microsoft.AspNetCore.SignalR.Client;

namespace LibrarianDesk.Bench.Clients;

/// <summary>A patron on the desk's public hub, speaking its contract (<see cref="PatronHubContract"/>).</summary>
public sealed class DeskPatron(Uri baseAddress) : IBenchPatron
{
    private readonly HubConnection connection = BenchPatrons.Connection(baseAddress, PatronHubContract.Path);
    private readonly string visitorId = BenchPatrons.VisitorId();
    private HelloResponse? hello;
    private StartConversationResponse? conversation;

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        await connection.StartAsync(cancellationToken);
        hello = await connection.InvokeAsync<HelloResponse>(PatronHubContract.Methods.Hello,
            new HelloRequest(visitorId, "https://perpustakaan.test/koleksi", "Koleksi", null, "id"), cancellationToken);
    }

    public Task PageChangedAsync(string pageUrl, CancellationToken cancellationToken) =>
        connection.InvokeAsync(PatronHubContract.Methods.PageChanged, new PageView(pageUrl, "Halaman"), cancellationToken);

    public async Task StartConversationAsync(string text, Action<string> onLibrarianMessage, CancellationToken cancellationToken)
    {
        var questionType = hello?.QuestionTypes[0].Id ?? throw new InvalidOperationException("Say hello first.");
        connection.On<PatronMessage>(PatronHubContract.Events.MessageReceived, m =>
        {
            if (m.Author == PatronMessage.FromLibrarian)
            {
                onLibrarianMessage(m.Text);
            }
        });
        conversation = await connection.InvokeAsync<StartConversationResponse>(PatronHubContract.Methods.StartConversation,
            new StartConversationRequest("Siti Rahma", $"{visitorId}@contoh.id", null, questionType, text, NewId(), VisitorId: visitorId,
                StartKey: StartConversationRequest.NewStartKey()), cancellationToken);
    }

    public Guid ConversationId => conversation?.ConversationId ?? Guid.Empty;

    public async Task SendAsync(string text, CancellationToken cancellationToken)
    {
        var started = conversation ?? throw new InvalidOperationException("Start a conversation first.");
        await connection.InvokeAsync<MessageAcknowledgement>(PatronHubContract.Methods.SendMessage,
            new SendMessageRequest(started.ConversationId, started.PatronToken, NewId(), text), cancellationToken);
    }

    private static string NewId() => Guid.NewGuid().ToString("N");

    public ValueTask DisposeAsync() => connection.DisposeAsync();
}
