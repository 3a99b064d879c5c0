using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace LibrarianDesk.Tests.Infrastructure;

/// <summary>
/// A TCP proxy on 127.0.0.1 in front of a server (Redis) that can be cut and mended: cut, it closes every connection it
/// carries and turns new ones away; mended, it carries them again. A network outage between one desk server and Redis.
/// </summary>
public sealed class CuttableTcpProxy : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint target;
    private readonly CancellationTokenSource stopping = new();
    private readonly ConcurrentDictionary<Socket, Socket> carried = new();
    private readonly Task accepting;
    private volatile bool cut;

    public CuttableTcpProxy(string hostAndPort)
    {
        ArgumentNullException.ThrowIfNull(hostAndPort);
        target = IPEndPoint.Parse(hostAndPort);
        listener.Start();
        Address = $"127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
        accepting = AcceptAsync();
    }

    /// <summary>host:port to connect to instead of the server.</summary>
    public string Address { get; }

    public void Cut()
    {
        cut = true;
        foreach (var (client, server) in carried)
        {
            Close(client, server);
        }
    }

    public void Mend() => cut = false;

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        Cut();
        await accepting;
        stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptSocketAsync(stopping.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            if (cut)
            {
                client.Close();
                continue;
            }

            _ = CarryAsync(client);
        }
    }

    private async Task CarryAsync(Socket client)
    {
        var server = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await server.ConnectAsync(target, stopping.Token);
            carried[client] = server;
            await Task.WhenAny(PumpAsync(client, server), PumpAsync(server, client));
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // The outage this proxy plays, or its end.
        }
        finally
        {
            Close(client, server);
        }
    }

    private async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await from.ReceiveAsync(buffer, stopping.Token)) > 0)
            {
                await to.SendAsync(buffer.AsMemory(0, read), stopping.Token);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Closed by Cut or by the other side.
        }
    }

    private void Close(Socket client, Socket server)
    {
        carried.TryRemove(client, out _);
        client.Close();
        server.Close();
    }
}
