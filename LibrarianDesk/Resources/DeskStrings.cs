namespace LibrarianDesk.Resources;

/// <summary>
/// Marker for the desk's user-facing text: <c>DeskStrings.resx</c> is Indonesian (the default),
/// <c>DeskStrings.en.resx</c> English. Every visible word comes from there.
/// </summary>
public sealed class DeskStrings;
