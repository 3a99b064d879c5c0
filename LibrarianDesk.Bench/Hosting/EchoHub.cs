using System.Net;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace LibrarianDesk.Bench.Hosting;

/// <summary>
/// The baseline: a bare SignalR hub with the patron hub's shape and nothing else. <c>Hello</c> and
/// <c>PageChanged</c> answer at once; <c>SendMessage</c> acknowledges, and hands the message to an
/// in-process "librarian" (a channel the chat scenario reads) that answers through the hub context.
/// Run durable (<see cref="EchoDesk.Store"/>), it commits each message before acknowledging or passing
/// it on, and the librarian commits its answer before sending it. Run on two servers (<see cref="EchoDesk.Relay"/>), it
/// passes each message to the other server's librarians.
/// </summary>
public sealed class EchoHub(EchoDesk desk) : Hub
{
    public const string Path = "/hubs/echo";
    public const string Reply = "MessageReceived";

    public static string Group(Guid conversationId) => $"c:{conversationId:N}";

#pragma warning disable CA1822 // SignalR invokes hub methods on a hub instance; static ones are not callable.
    public Task<int> Hello(string visitorId) => Task.FromResult(visitorId.Length);

    public Task PageChanged(string pageUrl) => Task.CompletedTask;
#pragma warning restore CA1822

    public async Task<Guid> StartConversation(string text)
    {
        var conversationId = Guid.NewGuid();
        await Groups.AddToGroupAsync(Context.ConnectionId, Group(conversationId));
        await desk.PostedAsync(new EchoPost(conversationId, text));
        return conversationId;
    }

    public async Task<int> SendMessage(Guid conversationId, string text)
    {
        await desk.PostedAsync(new EchoPost(conversationId, text));
        return Interlocked.Increment(ref desk.Sequence);
    }
}

public sealed record EchoPost(Guid ConversationId, string Text);

/// <summary>What the echo hub's librarians see: every message posted, in order.</summary>
public sealed class EchoDesk
{
    internal int Sequence;

    public Channel<EchoPost> Posts { get; } = Channel.CreateUnbounded<EchoPost>();

    /// <summary>Where a durable echo commits; null for the bare hub, which stores nothing.</summary>
    public EchoStore? Store { get; init; }

    /// <summary>With two servers: where a post goes instead, for the other server's librarians; null on one server.</summary>
    public EchoRelay? Relay { get; init; }

    internal async Task PostedAsync(EchoPost post)
    {
        if (Store is not null)
        {
            await Store.CommitAsync(post.ConversationId, fromLibrarian: false, post.Text);
        }

        if (Relay is not null)
        {
            await Relay.SendAsync(post);
            return;
        }

        Posts.Writer.TryWrite(post);
    }
}

/// <summary>The bare hub on Kestrel at 127.0.0.1, with the same stats endpoint as the desk.</summary>
public sealed class EchoHost : IBenchServer
{
    private readonly WebApplication app;

    private EchoHost(WebApplication app, Uri baseAddress)
    {
        this.app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public EchoDesk Desk => app.Services.GetRequiredService<EchoDesk>();

    public IHubContext<EchoHub> Hub => app.Services.GetRequiredService<IHubContext<EchoHub>>();

    /// <param name="durable">Commit every message to a fresh SQLite file (<see cref="EchoStore"/>).</param>
    /// <param name="group">One of two servers: SignalR's Redis backplane and posts answered on the other server.</param>
    public static async Task<EchoHost> StartAsync(bool durable = false, ServerGroup? group = null)
    {
        var store = durable ? await EchoStore.OpenAsync() : null;
        var relay = group is null ? null : await EchoRelay.ConnectAsync(group);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.Configure<ConsoleLoggerOptions>(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var signalR = builder.Services.AddSignalR();
        if (relay is not null)
        {
            signalR.AddStackExchangeRedis(options => options.ConnectionFactory = _ => Task.FromResult(relay.Redis));
        }

        var desk = new EchoDesk { Store = store, Relay = relay };
        builder.Services.AddSingleton(desk);
        builder.Services.AddBenchStatsEndpoint();
        var app = builder.Build();
        app.MapHub<EchoHub>(EchoHub.Path);
        if (relay is not null)
        {
            await relay.ListenAsync(desk.Posts.Writer);
        }

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new EchoHost(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        var (store, relay) = (Desk.Store, Desk.Relay);
        await app.StopAsync();
        await app.DisposeAsync();
        if (store is not null)
        {
            await store.DisposeAsync();
        }

        if (relay is not null)
        {
            await relay.DisposeAsync();
        }
    }
}
