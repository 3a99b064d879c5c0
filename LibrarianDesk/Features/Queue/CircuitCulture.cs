using System.Globalization;

namespace LibrarianDesk.Features.Queue;

/// <summary>
/// A circuit's languages, captured when a component starts. Desk events and delayed work arrive on
/// other threads carrying the publisher's culture (a patron's, or none); putting the circuit's back
/// keeps a re-render in the librarian's language.
/// </summary>
public readonly record struct CircuitCulture(CultureInfo Culture, CultureInfo UICulture)
{
    public static CircuitCulture Current => new(CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);

    public void Apply()
    {
        CultureInfo.CurrentCulture = Culture;
        CultureInfo.CurrentUICulture = UICulture;
    }
}
