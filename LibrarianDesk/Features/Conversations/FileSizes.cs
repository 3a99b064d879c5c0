using System.Globalization;

namespace LibrarianDesk.Features.Conversations;

/// <summary>
/// A file's size as people read it, wherever the desk names one (a file card, a transcript line, a refusal): bytes,
/// then KB and MB of 1,024 with one decimal in the reader's number format, the unit held to its number by a no-break space.
/// </summary>
public static class FileSizes
{
    public static string Describe(long bytes, CultureInfo culture)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        return bytes switch
        {
            < 1024 => string.Format(culture, "{0}\u00A0B", bytes),
            < 1024 * 1024 => string.Format(culture, "{0:0.#}\u00A0KB", bytes / 1024d),
            _ => string.Format(culture, "{0:0.#}\u00A0MB", bytes / (1024d * 1024d)),
        };
    }
}
