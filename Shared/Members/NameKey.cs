using System.Globalization;
using System.Text;

namespace LibrarianDesk.Shared.Members;

/// <summary>Names compared the way people read them: "SITI   Nurhaliza" finds "Siti Nurhaliza", "Andre" finds "André".</summary>
public static class NameKey
{
    public static string For(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "";
        }

        var decomposed = name.Normalize(NormalizationForm.FormD);
        var key = new StringBuilder(decomposed.Length);
        var space = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                space = key.Length > 0;
                continue;
            }

            if (space)
            {
                key.Append(' ');
                space = false;
            }

            key.Append(char.ToLowerInvariant(c));
        }

        return key.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>True when the typed text is part of the name (ignoring case, accents and spacing).</summary>
    public static bool Contains(string fullName, string typed)
    {
        var part = For(typed);
        return part.Length > 0 && For(fullName).Contains(part, StringComparison.Ordinal);
    }

    /// <summary>True when both are the same name (ignoring case, accents and spacing).</summary>
    public static bool SameName(string? a, string? b)
    {
        var key = For(a);
        return key.Length > 0 && key == For(b);
    }
}
