namespace LibrarianDesk.Features.Attachments;

/// <summary>
/// At most <see cref="Capacity"/> uploads read and checked at once on this server, so their memory stays bounded
/// (each holds at most its file's bytes, <see cref="AttachmentOptions.MaxBytes"/>, and a stripped copy); one more is
/// answered <c>unavailable</c> at once instead of waiting.
/// </summary>
public sealed class UploadSlots : IDisposable
{
    public const int Capacity = 8;

    private readonly SemaphoreSlim slots = new(Capacity, Capacity);

    /// <summary>A slot to hold while the upload is read and stored; null when all are taken.</summary>
    public IDisposable? TryTake() => slots.Wait(0) ? new Slot(slots) : null;

    public void Dispose() => slots.Dispose();

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                slots.Release();
            }
        }
    }
}
