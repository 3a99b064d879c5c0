using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.SignalR;

namespace LibrarianDesk.Realtime;

/// <summary>
/// The patron connections open right now, with their address and the conversations they follow, so a
/// new block can end them at once. Memory only: a restart drops every connection anyway.
/// </summary>
public sealed class PatronConnections
{
    private readonly ConcurrentDictionary<string, Entry> connections = new();

    public void Add(HubCallerContext context, IPAddress? address)
    {
        ArgumentNullException.ThrowIfNull(context);
        connections[context.ConnectionId] = new Entry(context, address);
    }

    public void Remove(string connectionId) => connections.TryRemove(connectionId, out _);

    public void Follow(string connectionId, Guid conversationId)
    {
        if (connections.TryGetValue(connectionId, out var entry))
        {
            entry.Conversations[conversationId] = 0;
        }
    }

    /// <summary>The connections whose address <paramref name="matches"/>.</summary>
    public IReadOnlyList<Entry> Where(Func<IPAddress, bool> matches)
    {
        ArgumentNullException.ThrowIfNull(matches);
        return connections.Values.Where(e => e.Address is not null && matches(e.Address)).ToList();
    }

    public sealed record Entry(HubCallerContext Context, IPAddress? Address)
    {
        public ConcurrentDictionary<Guid, byte> Conversations { get; } = new();
    }
}
