namespace LibrarianDesk.Features.History;

/// <summary>
/// Snippets come from SQLite with the matched words between two control characters; the page splits
/// them into plain parts and highlighted parts and renders both as encoded text, never as markup.
/// </summary>
public static class MarkedText
{
    public const char Start = '\u0002';
    public const char End = '\u0003';

    public readonly record struct Part(string Text, bool Highlighted);

    public static IReadOnlyList<Part> Split(string? marked)
    {
        var parts = new List<Part>();
        if (string.IsNullOrEmpty(marked))
        {
            return parts;
        }

        var highlighted = false;
        var from = 0;
        for (var i = 0; i <= marked.Length; i++)
        {
            if (i < marked.Length && marked[i] is not (Start or End))
            {
                continue;
            }

            if (i > from)
            {
                parts.Add(new Part(marked[from..i], highlighted));
            }

            if (i < marked.Length)
            {
                highlighted = marked[i] == Start;
            }

            from = i + 1;
        }

        return parts;
    }
}
