using System.Net;
using System.Net.Sockets;

namespace LibrarianDesk.Tests.Infrastructure;

/// <summary>
/// A TCP proxy on 127.0.0.1 in front of the desk that resets some of the connections it carries in
/// the middle of a conversation: after a chosen number of the desk's answers, the answer in flight is
/// dropped and both sides get a TCP reset. The desk has then often done what the lost answer was about,
/// so a client retrying is exactly a patron on a bad network. Seeded, so a run can be repeated.
/// </summary>
public sealed class ResettingProxy : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint target;
    private readonly double resetShare;
    private readonly Random random;
    private readonly CancellationTokenSource stopping = new();
    private readonly Task accepting;
    private int resets;

    /// <param name="target">The desk.</param>
    /// <param name="resetShare">The share of connections that are reset at some point.</param>
    /// <param name="seed">Makes the choice of connections and moments repeatable.</param>
    public ResettingProxy(Uri target, double resetShare, int seed)
    {
        ArgumentNullException.ThrowIfNull(target);
        this.target = new IPEndPoint(IPAddress.Parse(target.Host), target.Port);
        this.resetShare = resetShare;
        random = new Random(seed);
        listener.Start();
        Address = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");
        accepting = AcceptAsync();
    }

    public Uri Address { get; }

    /// <summary>How many connections were reset so far.</summary>
    public int Resets => Volatile.Read(ref resets);

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptSocketAsync(stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            int resetAfterAnswers;
            lock (random)
            {
                // The first answer is the WebSocket upgrade, the second SignalR's handshake: reset later, in a call.
                resetAfterAnswers = random.NextDouble() < resetShare ? random.Next(3, 9) : int.MaxValue;
            }

            _ = CarryAsync(client, resetAfterAnswers);
        }
    }

    private async Task CarryAsync(Socket client, int resetAfterAnswers)
    {
        using var desk = new Socket(SocketType.Stream, ProtocolType.Tcp);
        using var _ = client;
        using var done = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
        try
        {
            await desk.ConnectAsync(target, done.Token);
            var upstream = PumpAsync(client, desk, int.MaxValue, done.Token);
            var downstream = PumpAsync(desk, client, resetAfterAnswers, done.Token);
            await Task.WhenAny(upstream, downstream);
            if (downstream is { IsCompletedSuccessfully: true, Result: true })
            {
                Interlocked.Increment(ref resets);
                Reset(client);
                Reset(desk);
            }
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // One side went away: the other follows below.
        }
        finally
        {
            await done.CancelAsync();
        }
    }

    /// <summary>Copies until the source closes; true when it stopped to reset instead, the last read dropped.</summary>
    private static async Task<bool> PumpAsync(Socket from, Socket to, int resetAfterReads, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        for (var reads = 1; ; reads++)
        {
            var read = await from.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
            if (read == 0)
            {
                to.Shutdown(SocketShutdown.Send);
                return false;
            }

            if (reads == resetAfterReads)
            {
                return true;
            }

            await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, cancellationToken);
        }
    }

    private static void Reset(Socket socket)
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0);
            socket.Close();
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Already gone.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        await accepting;
        stopping.Dispose();
    }
}
