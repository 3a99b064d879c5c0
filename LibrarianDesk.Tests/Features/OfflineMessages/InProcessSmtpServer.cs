using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace LibrarianDesk.Tests.Features.OfflineMessages;

/// <summary>A real SMTP server (the SmtpServer package) on 127.0.0.1, keeping every mail it accepts; it can be stopped and started again.</summary>
public sealed class InProcessSmtpServer : IAsyncDisposable
{
    private CancellationTokenSource? running;
    private Task? serving;

    public int Port { get; } = FreePort();

    public ConcurrentQueue<MimeMessage> Received { get; } = new();

    /// <summary>Recipients the server refuses (550 at RCPT TO), as a real server refuses an unknown mailbox.</summary>
    public ConcurrentDictionary<string, bool> RefusedRecipients { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The desk's settings for sending through this server: plain SMTP on 127.0.0.1, the background sender off (tests send).</summary>
    public IReadOnlyDictionary<string, string?> DeskSettings => new Dictionary<string, string?>
    {
        ["Desk:Mail:SenderAddress"] = "tanya@perpusnas.test",
        ["Desk:Mail:Smtp:Host"] = "127.0.0.1",
        ["Desk:Mail:Smtp:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Desk:Mail:Smtp:Tls"] = "None",
        ["Desk:Mail:Smtp:TimeoutSeconds"] = "5",
        ["Desk:Mail:SendInBackground"] = "false",
    };

    public async Task StartAsync()
    {
        var options = new SmtpServerOptionsBuilder()
            .ServerName("smtp.test.local")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new ServiceProvider();
        services.Add(new Store(Received));
        services.Add(new DelegatingMailboxFilter((_, _) => true, (_, to, _) => !RefusedRecipients.ContainsKey($"{to.User}@{to.Host}")));
        running = new CancellationTokenSource();
        serving = new SmtpServer.SmtpServer(options, services).StartAsync(running.Token);
        await WaitUntilListeningAsync();
    }

    public async Task StopAsync()
    {
        if (running is null)
        {
            return;
        }

        await running.CancelAsync();
        try
        {
            await serving!;
        }
        catch (OperationCanceledException)
        {
            // Stopped as asked.
        }

        running.Dispose();
        running = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task WaitUntilListeningAsync()
    {
        // The listener binds on a background task: wait for it to accept a connection (bounded).
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Yield();
            }
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private sealed class Store(ConcurrentQueue<MimeMessage> received) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(
            ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            received.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
