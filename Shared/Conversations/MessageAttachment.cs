using LibrarianDesk.Shared.Attachments;

namespace LibrarianDesk.Shared.Conversations;

/// <summary>
/// The file a message carries (<see cref="ChatMessage.Attachment"/>): what the desk shows of it. The bytes live apart
/// (an <c>AttachmentContent</c> row), so reading messages never reads files. Once the conversation is anonymised the
/// bytes are deleted and the attachment is <see cref="Removed"/>: its name then reads as the anonymised text.
/// </summary>
public sealed class MessageAttachment
{
    /// <summary>As long as a safe file name may be (the "files" part caps names at 200).</summary>
    public const int MaxFileNameLength = 200;

    private MessageAttachment()
    {
    }

    public Guid Id { get; private set; }
    public string FileName { get; private set; } = "";
    public FileKind Kind { get; private set; }

    /// <summary>The stored bytes' count (after image metadata was stripped).</summary>
    public long Length { get; private set; }

    public bool Removed { get; private set; }

    public static MessageAttachment Of(Guid id, string fileName, FileKind kind, long length)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fileName.Length, MaxFileNameLength, nameof(fileName));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        return new MessageAttachment { Id = id, FileName = fileName, Kind = kind, Length = length };
    }

    /// <summary>The bytes are gone (the caller deletes them); a file name can be personal data, so it goes too.</summary>
    internal void Remove(string label)
    {
        FileName = label;
        Removed = true;
    }
}
