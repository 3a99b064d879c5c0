using System.Threading.Channels;
using LibrarianDesk.Shared.Contracts;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace LibrarianDesk.Tests.Infrastructure;

/// <summary>A patron's widget as a .NET SignalR client over a real WebSocket, recording what the desk pushes.</summary>
public sealed class PatronClient : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private PatronClient(HubConnection connection)
    {
        Connection = connection;
        connection.On<PatronMessage>(PatronHubContract.Events.MessageReceived, m => Messages.Writer.TryWrite(m));
        connection.On<ConversationClaimedNotice>(PatronHubContract.Events.ConversationClaimed, n => Claims.Writer.TryWrite(n));
        connection.On<ConversationClosedNotice>(PatronHubContract.Events.ConversationClosed, n => Closings.Writer.TryWrite(n));
        connection.On<DeskStatusInfo>(PatronHubContract.Events.DeskStatusChanged, s => StatusChanges.Writer.TryWrite(s));
        connection.On<GreetingNotice>(PatronHubContract.Events.Greeting, g => Greetings.Writer.TryWrite(g));
    }

    public HubConnection Connection { get; }
    public Channel<PatronMessage> Messages { get; } = Channel.CreateUnbounded<PatronMessage>();
    public Channel<ConversationClaimedNotice> Claims { get; } = Channel.CreateUnbounded<ConversationClaimedNotice>();
    public Channel<ConversationClosedNotice> Closings { get; } = Channel.CreateUnbounded<ConversationClosedNotice>();
    public Channel<DeskStatusInfo> StatusChanges { get; } = Channel.CreateUnbounded<DeskStatusInfo>();
    public Channel<GreetingNotice> Greetings { get; } = Channel.CreateUnbounded<GreetingNotice>();

    public static Task<PatronClient> ConnectAsync(DeskApp app, string language = "id") =>
        ConnectAsync(app, new HelloRequest($"visitor-{Guid.NewGuid():N}", "https://library.test/layanan", "Layanan", null, language));

    /// <summary>A widget loaded on a particular page, as a particular visitor (the same id in several clients is several tabs).</summary>
    public static Task<PatronClient> ConnectAsync(DeskApp app, HelloRequest hello, string? userAgent = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        return ConnectAsync(app.BaseAddress, hello, userAgent);
    }

    /// <summary>A widget connected to the desk server at <paramref name="server"/> (one of several behind one address).</summary>
    public static async Task<PatronClient> ConnectAsync(Uri server, HelloRequest hello, string? userAgent = null)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server, PatronHubContract.Path), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                if (userAgent is not null)
                {
                    options.Headers["User-Agent"] = userAgent;
                }
            })
            .Build();
        var client = new PatronClient(connection);
        await connection.StartAsync();
        client.Hello = await client.InvokeAsync<HelloResponse>(PatronHubContract.Methods.Hello, hello);
        return client;
    }

    public HelloResponse Hello { get; private set; } = default!;

    public Task<T> InvokeAsync<T>(string method, object argument) => Connection.InvokeAsync<T>(method, argument);

    public Task InvokeAsync(string method, object argument) => Connection.InvokeAsync(method, argument);

    public Task<StartConversationResponse> StartAsync(string text = "Saya mencari koleksi peta Batavia.", string name = "Siti Rahma") =>
        InvokeAsync<StartConversationResponse>(PatronHubContract.Methods.StartConversation, new StartConversationRequest(
            name, "siti@contoh.id", null, Hello.QuestionTypes[0].Id, text, NewMessageId(), StartKey: StartConversationRequest.NewStartKey()));

    /// <summary>
    /// The API's error as a client reads it: SignalR's client prefixes the server's message
    /// ("An unexpected error occurred invoking 'X' on the server. HubException: code: sentence").
    /// </summary>
    public static string ErrorOf(HubException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        const string marker = "HubException: ";
        var at = exception.Message.IndexOf(marker, StringComparison.Ordinal);
        return at < 0 ? exception.Message : exception.Message[(at + marker.Length)..];
    }

    public static string NewMessageId() => Guid.NewGuid().ToString("N");

    /// <summary>The next pushed item, or a failure after a few seconds (never a fixed sleep).</summary>
    public static async Task<T> NextAsync<T>(Channel<T> channel)
    {
        using var timeout = new CancellationTokenSource(Patience);
        return await channel.Reader.ReadAsync(timeout.Token);
    }

    /// <summary>The next message a librarian wrote (the patron's own messages are echoed too and skipped here).</summary>
    public async Task<PatronMessage> NextFromLibrarianAsync()
    {
        while (true)
        {
            var message = await NextAsync(Messages);
            if (message.Author == PatronMessage.FromLibrarian)
            {
                return message;
            }
        }
    }

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();
}

public static class PatronErrorExtensions
{
    /// <summary>The patron API's <c>code: sentence</c> part of a refused call.</summary>
    public static string Error(this HubException exception) => PatronClient.ErrorOf(exception);
}
