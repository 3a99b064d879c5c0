namespace LibrarianDesk.Shared.Privacy;

/// <summary>
/// What an anonymised row says in place of what it forgot, in the desk's words (the caller takes them from the
/// resource files): the neutral name the patron is given, and the text a deleted message keeps (a message is never
/// empty).
/// </summary>
public sealed record AnonymousWording
{
    public AnonymousWording(string patronLabel, string removedText)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(patronLabel);
        ArgumentException.ThrowIfNullOrWhiteSpace(removedText);
        PatronLabel = patronLabel.Trim();
        RemovedText = removedText.Trim();
    }

    public string PatronLabel { get; }

    public string RemovedText { get; }
}
