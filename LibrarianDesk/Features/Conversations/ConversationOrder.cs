namespace LibrarianDesk.Features.Conversations;

/// <summary>
/// One append at a time per conversation, from its commit to its push: the patron and the desk see a
/// conversation's messages in sequence order. Appends to one conversation queue up here instead of racing
/// to the database; different conversations rarely share a stripe. Across several servers the
/// <see cref="Shared.Conversations.Conversation.LastSequence"/> concurrency token still decides.
/// </summary>
public sealed class ConversationOrder : IDisposable
{
    private readonly SemaphoreSlim[] stripes = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

    public async Task<T> InOrderAsync<T>(Guid conversationId, Func<Task<T>> append)
    {
        ArgumentNullException.ThrowIfNull(append);
        var stripe = stripes[(conversationId.GetHashCode() & int.MaxValue) % stripes.Length];
        await stripe.WaitAsync();
        try
        {
            return await append();
        }
        finally
        {
            stripe.Release();
        }
    }

    public void Dispose()
    {
        foreach (var stripe in stripes)
        {
            stripe.Dispose();
        }
    }
}
