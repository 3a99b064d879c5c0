using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace LibrarianDesk.Bench.Clients;

/// <summary>A simulated patron's widget: the same client library, transport and message sizes against the desk or the bare hub.</summary>
public interface IBenchPatron : IAsyncDisposable
{
    /// <summary>Connects and says hello, as a visitor does on every page.</summary>
    Task ConnectAsync(CancellationToken cancellationToken);

    Task PageChangedAsync(string pageUrl, CancellationToken cancellationToken);

    /// <summary>Starts a conversation; <paramref name="onLibrarianMessage"/> receives every librarian's message text pushed to it.</summary>
    Task StartConversationAsync(string text, Action<string> onLibrarianMessage, CancellationToken cancellationToken);

    /// <summary>Sends one message and returns once the server acknowledged it.</summary>
    Task SendAsync(string text, CancellationToken cancellationToken);
}

public static class BenchPatrons
{
    public static HubConnection Connection(Uri baseAddress, string path) => new HubConnectionBuilder()
        .WithUrl(new Uri(baseAddress, path), options => options.Transports = HttpTransportType.WebSockets)
        .Build();

    public static string VisitorId() => $"bench-{Guid.NewGuid():N}";

    /// <summary>Connects many patrons, a few dozen at a time (as browsers arriving, not one burst of thousands of handshakes).</summary>
    public static async Task<List<T>> ConnectManyAsync<T>(int count, Func<int, T> create, Action<int>? connected, CancellationToken cancellationToken)
        where T : IBenchPatron
    {
        ArgumentNullException.ThrowIfNull(create);
        var patrons = new T[count];
        var done = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var patron = create(i);
            await patron.ConnectAsync(ct);
            patrons[i] = patron;
            var now = Interlocked.Increment(ref done);
            if (now % 250 == 0 || now == count)
            {
                connected?.Invoke(now);
            }
        });
        return [.. patrons];
    }

    public static async Task DisposeAllAsync<T>(IEnumerable<T> patrons)
        where T : IBenchPatron
    {
        await Parallel.ForEachAsync(patrons, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (p, _) => await p.DisposeAsync());
    }
}
